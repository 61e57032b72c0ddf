/**
 * The funds ledger, pure (no I/O): account kinds, entry shapes, how an association's state becomes
 * postings, and the verification of a whole book. Amounts are integer minor units (`bigint`) inside,
 * decimal strings at the edges (libs/money), never JS numbers.
 *
 * Sign: a line adds its amount to its account. Money the hub holds for a seller sits in positive
 * buckets (UNASSOCIATED ... REFUNDED, FEES); BANK is the contra account of every inflow (what came in
 * through the collection account, negative) and FX_CLEARING balances the two legs of a conversion
 * per currency. Every entry sums to zero per currency.
 */
export const accountKinds = ['BANK', 'UNASSOCIATED', 'UNDER_REVIEW', 'CREDITED', 'WITHDRAWING', 'WITHDRAWN', 'REFUNDED', 'FEES', 'FX_CLEARING'] as const;
export type AccountKind = (typeof accountKinds)[number];
/** Contra accounts: their balance is naturally negative (or either sign). Every other balance must stay >= 0. */
export const CONTRA_KINDS: readonly AccountKind[] = ['BANK', 'FX_CLEARING'];

export const entryKinds = ['RECEIPT', 'ASSOCIATION', 'WITHDRAWAL', 'WITHDRAWAL_COMPLETED', 'WITHDRAWAL_FAILED', 'FX_SETTLEMENT', 'REFUND', 'REVERSAL'] as const;
export type EntryKind = (typeof entryKinds)[number];
/** Entries that move money out of CREDITED towards the seller's bank (or back on failure). */
export const WITHDRAWAL_ENTRY_KINDS: readonly EntryKind[] = ['WITHDRAWAL', 'WITHDRAWAL_COMPLETED', 'WITHDRAWAL_FAILED'];

export interface AccountKey {
  sellerId: string;
  currency: string;
  kind: AccountKind;
  /** '' for seller-level accounts (BANK, UNASSOCIATED, FX_CLEARING). */
  orderNo: string;
}

export interface PlannedLine extends AccountKey {
  amount: bigint;
}

export const accountId = (k: AccountKey): string => `${k.sellerId}|${k.currency}|${k.kind}|${k.orderNo}`;

/** Lines with the same account merged, zero lines dropped, sorted by account (the lock order). */
export function normaliseLines(lines: readonly PlannedLine[]): PlannedLine[] {
  const merged = new Map<string, PlannedLine>();
  for (const l of lines) {
    const id = accountId(l);
    const prev = merged.get(id);
    merged.set(id, prev ? { ...prev, amount: prev.amount + l.amount } : { ...l });
  }
  return [...merged.entries()]
    .filter(([, l]) => l.amount !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, l]) => l);
}

/** Per currency, the sum of the lines; an entry is balanced when every sum is zero. */
export function imbalance(lines: readonly PlannedLine[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const l of lines) sums.set(l.currency, (sums.get(l.currency) ?? 0n) + l.amount);
  for (const [c, s] of sums) if (s === 0n) sums.delete(c);
  return sums;
}

export type AssociationFundsStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'UNBOUND';

export interface AllocationFunds {
  orderNo: string;
  /** Money credited to the order (minor units). */
  amount: bigint;
  /** Bank charges accepted within tolerance: the buyer paid them, the bank kept them. */
  bankCharges: bigint;
}

/** Where an association's money should be, by its status: PROPOSED under review, APPROVED credited (+ fees), otherwise nowhere. */
export function associationTarget(sellerId: string, currency: string, status: AssociationFundsStatus, allocations: readonly AllocationFunds[]): PlannedLine[] {
  const lines: PlannedLine[] = [];
  for (const a of allocations) {
    if (status === 'PROPOSED') lines.push({ sellerId, currency, kind: 'UNDER_REVIEW', orderNo: a.orderNo, amount: a.amount });
    if (status === 'APPROVED') {
      lines.push({ sellerId, currency, kind: 'CREDITED', orderNo: a.orderNo, amount: a.amount });
      lines.push({ sellerId, currency, kind: 'FEES', orderNo: a.orderNo, amount: a.bankCharges });
    }
  }
  return normaliseLines(lines);
}

/**
 * The entry that moves an association's money from where its previous entries put it (`current`:
 * the UNDER_REVIEW / CREDITED / FEES lines of its entries, summed) to `target`. Money comes from and
 * goes back to UNASSOCIATED; fees are charges the buyer paid on top, so their other side is BANK.
 * Empty when nothing changes (the hook is idempotent).
 */
export function planAssociationEntry(sellerId: string, currency: string, current: readonly PlannedLine[], target: readonly PlannedLine[]): PlannedLine[] {
  const delta = normaliseLines([...target, ...current.map((l) => ({ ...l, amount: -l.amount }))]);
  if (delta.length === 0) return [];
  let fromUnassociated = 0n;
  let fromBank = 0n;
  for (const d of delta) {
    if (d.kind === 'FEES') fromBank -= d.amount;
    else fromUnassociated -= d.amount;
  }
  return normaliseLines([...delta, { sellerId, currency, kind: 'UNASSOCIATED', orderNo: '', amount: fromUnassociated }, { sellerId, currency, kind: 'BANK', orderNo: '', amount: fromBank }]);
}

/** A remittance received for a seller: BANK -> UNASSOCIATED. */
export function receiptLines(sellerId: string, currency: string, amount: bigint): PlannedLine[] {
  return normaliseLines([
    { sellerId, currency, kind: 'BANK', orderNo: '', amount: -amount },
    { sellerId, currency, kind: 'UNASSOCIATED', orderNo: '', amount },
  ]);
}

/** Moves `amount` of an order's money from one bucket to another (withdrawal legs). */
export function moveLines(sellerId: string, currency: string, orderNo: string, from: AccountKind, to: AccountKind, amount: bigint): PlannedLine[] {
  return normaliseLines([
    { sellerId, currency, kind: from, orderNo, amount: -amount },
    { sellerId, currency, kind: to, orderNo, amount },
  ]);
}

/** An FX settlement of an order's credit: `source` of `from` becomes `converted` of `to`, each currency balanced through FX_CLEARING. Negative amounts reverse it. */
export function settlementLines(sellerId: string, orderNo: string, from: string, to: string, source: bigint, converted: bigint): PlannedLine[] {
  return normaliseLines([
    { sellerId, currency: from, kind: 'CREDITED', orderNo, amount: -source },
    { sellerId, currency: from, kind: 'FX_CLEARING', orderNo: '', amount: source },
    { sellerId, currency: to, kind: 'FX_CLEARING', orderNo: '', amount: -converted },
    { sellerId, currency: to, kind: 'CREDITED', orderNo, amount: converted },
  ]);
}

// ---------- verification of a whole book ----------

export interface BookLine extends AccountKey {
  entryId: string;
  /** Commit order of the entry (a sequence): running balances follow it. */
  seq: bigint;
  entryKind: EntryKind;
  amount: bigint;
}

export interface StoredBalance extends AccountKey {
  balance: bigint;
}

export type LedgerCheck = 'ENTRY_UNBALANCED' | 'NEGATIVE_BALANCE' | 'WITHDRAWN_EXCEEDS_CREDITED' | 'BALANCE_MISMATCH';

export interface LedgerViolation {
  check: LedgerCheck;
  entryIds: string[];
  message: string;
}

export interface LedgerReport {
  entries: number;
  lines: number;
  balances: StoredBalance[];
  violations: LedgerViolation[];
}

/**
 * Recomputes every balance from the lines and checks: each entry sums to zero per currency; no
 * non-contra balance (withdrawable above all) is ever negative, after any entry in commit order;
 * per order and currency, what is withdrawing + withdrawn never exceeds what was credited to it
 * by other entries; the stored balances (the projection the use cases lock) equal the recomputed ones.
 */
export function verifyBook(lines: readonly BookLine[], stored: readonly StoredBalance[] = []): LedgerReport {
  const violations: LedgerViolation[] = [];
  const byEntry = new Map<string, BookLine[]>();
  for (const l of lines) byEntry.set(l.entryId, [...(byEntry.get(l.entryId) ?? []), l]);
  for (const [entryId, ls] of byEntry) {
    for (const [currency, sum] of imbalance(ls)) violations.push({ check: 'ENTRY_UNBALANCED', entryIds: [entryId], message: `entry ${entryId} does not sum to zero in ${currency} (off by ${sum} minor units)` });
  }
  const ordered = [...lines].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  const running = new Map<string, StoredBalance>();
  const reported = new Set<string>();
  const perOrder = new Map<string, { key: AccountKey; creditedIn: bigint; withdrawn: bigint; withdrawalEntries: Set<string> }>();
  let i = 0;
  while (i < ordered.length) {
    // Balances are checked after each whole entry (its lines are one atomic move).
    const seq = ordered[i].seq;
    const entryId = ordered[i].entryId;
    const touched: string[] = [];
    for (; i < ordered.length && ordered[i].seq === seq && ordered[i].entryId === entryId; i++) {
      const l = ordered[i];
      const id = accountId(l);
      const prev = running.get(id);
      running.set(id, { sellerId: l.sellerId, currency: l.currency, kind: l.kind, orderNo: l.orderNo, balance: (prev?.balance ?? 0n) + l.amount });
      touched.push(id);
      if (l.orderNo !== '') {
        const ok = `${l.sellerId}|${l.currency}|${l.orderNo}`;
        const o = perOrder.get(ok) ?? { key: { sellerId: l.sellerId, currency: l.currency, kind: 'CREDITED', orderNo: l.orderNo }, creditedIn: 0n, withdrawn: 0n, withdrawalEntries: new Set<string>() };
        if (l.kind === 'CREDITED' && !WITHDRAWAL_ENTRY_KINDS.includes(l.entryKind)) o.creditedIn += l.amount;
        if (l.kind === 'WITHDRAWING' || l.kind === 'WITHDRAWN') o.withdrawn += l.amount;
        if (WITHDRAWAL_ENTRY_KINDS.includes(l.entryKind)) o.withdrawalEntries.add(l.entryId);
        perOrder.set(ok, o);
      }
    }
    for (const id of touched) {
      const b = running.get(id)!;
      if (!CONTRA_KINDS.includes(b.kind) && b.balance < 0n && !reported.has(`${id}|${entryId}`)) {
        reported.add(`${id}|${entryId}`);
        violations.push({ check: 'NEGATIVE_BALANCE', entryIds: [entryId], message: `entry ${entryId} leaves ${b.kind} of seller ${b.sellerId} ${b.currency}${b.orderNo ? ` order ${b.orderNo}` : ''} at ${b.balance} minor units` });
      }
    }
  }
  for (const o of perOrder.values()) {
    if (o.withdrawn > o.creditedIn) {
      violations.push({ check: 'WITHDRAWN_EXCEEDS_CREDITED', entryIds: [...o.withdrawalEntries].sort(), message: `order ${o.key.orderNo} (${o.key.currency}, seller ${o.key.sellerId}): withdrawn ${o.withdrawn} > credited ${o.creditedIn} minor units` });
    }
  }
  const storedById = new Map(stored.map((s) => [accountId(s), s]));
  for (const [id, s] of storedById) {
    const computed = running.get(id)?.balance ?? 0n;
    if (computed !== s.balance) violations.push({ check: 'BALANCE_MISMATCH', entryIds: [], message: `stored balance of ${s.kind} seller ${s.sellerId} ${s.currency}${s.orderNo ? ` order ${s.orderNo}` : ''} is ${s.balance}, the entries give ${computed} (minor units)` });
  }
  for (const [id, r] of running) {
    if (stored.length > 0 && !storedById.has(id) && r.balance !== 0n) violations.push({ check: 'BALANCE_MISMATCH', entryIds: [], message: `no stored balance for ${r.kind} seller ${r.sellerId} ${r.currency}${r.orderNo ? ` order ${r.orderNo}` : ''}; the entries give ${r.balance}` });
  }
  return { entries: byEntry.size, lines: lines.length, balances: [...running.values()], violations };
}
