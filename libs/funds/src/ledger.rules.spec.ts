import fc from 'fast-check';
import { accountId, type AllocationFunds, type AssociationFundsStatus, associationTarget, type BookLine, CONTRA_KINDS, type EntryKind, imbalance, moveLines, planAssociationEntry, type PlannedLine, receiptLines, settlementLines, verifyBook } from './ledger.rules';
import { checkWithdrawal } from './withdrawal.rules';

const S = '00000000-0000-4000-8000-000000000001';

/**
 * An in-memory book driven by the same pure planning functions as the use cases, and refusing what
 * the database refuses (a non-contra bucket below zero), so random operation sequences exercise the
 * same moves the hub makes.
 */
class Book {
  lines: BookLine[] = [];
  balances = new Map<string, bigint>();
  private seq = 0n;
  associations = new Map<string, { status: AssociationFundsStatus; allocations: AllocationFunds[]; remittance: string }>();
  receipts = new Set<string>();
  withdrawals = new Map<string, { orderNo: string; amount: bigint; status: 'REQUESTED' | 'COMPLETED' | 'FAILED' }>();
  /** Live FX settlements per order (USD -> CNY), as settleOrderFunds / unsettleOrderFunds keep them. */
  lots = new Map<string, Array<{ source: bigint; converted: bigint }>>();
  refunds: Array<{ orderNo: string; amount: bigint; open: boolean }> = [];

  snapshot(): () => void {
    const saved = { lines: [...this.lines], balances: new Map(this.balances), seq: this.seq, lots: new Map([...this.lots].map(([k, v]) => [k, [...v]])) };
    return () => {
      this.lines = saved.lines;
      this.balances = saved.balances;
      this.seq = saved.seq;
      this.lots = saved.lots;
    };
  }

  settle(orderNo: string): void {
    const credited = this.balance('CREDITED', orderNo);
    if (credited <= 0n) return;
    const converted = (credited * 71n) / 10n;
    expect(this.post('FX_SETTLEMENT', settlementLines(S, orderNo, 'USD', 'CNY', credited, converted))).toBe(true);
    this.lots.set(orderNo, [...(this.lots.get(orderNo) ?? []), { source: credited, converted }]);
  }

  unsettle(orderNo: string): boolean {
    const lots = this.lots.get(orderNo) ?? [];
    if (lots.length === 0) return false;
    const source = lots.reduce((s, l) => s + l.source, 0n);
    const converted = lots.reduce((s, l) => s + l.converted, 0n);
    if (!this.post('REVERSAL', settlementLines(S, orderNo, 'USD', 'CNY', -source, -converted))) return false;
    this.lots.delete(orderNo);
    return true;
  }

  balance(kind: PlannedLine['kind'], orderNo: string, currency = 'USD'): bigint {
    return this.balances.get(accountId({ sellerId: S, currency, kind, orderNo })) ?? 0n;
  }

  post(kind: EntryKind, lines: PlannedLine[]): boolean {
    if (lines.length === 0) return true;
    expect(imbalance(lines).size).toBe(0);
    for (const l of lines) if (!CONTRA_KINDS.includes(l.kind) && (this.balances.get(accountId(l)) ?? 0n) + l.amount < 0n) return false;
    this.seq += 1n;
    for (const l of lines) {
      this.balances.set(accountId(l), (this.balances.get(accountId(l)) ?? 0n) + l.amount);
      this.lines.push({ ...l, entryId: `e${this.seq}`, seq: this.seq, entryKind: kind });
    }
    return true;
  }

  /** What creditAssociation does: receipt once, then the move to the status's target, refused when funds are gone. */
  sync(id: string): boolean {
    const a = this.associations.get(id)!;
    if (!this.receipts.has(a.remittance)) {
      this.receipts.add(a.remittance);
      this.post('RECEIPT', receiptLines(S, 'USD', a.allocations.reduce((s, x) => s + x.amount, 0n)));
    }
    const current = this.lines.filter((l) => l.entryKind === 'ASSOCIATION' || l.entryKind === 'REVERSAL').filter((l) => (l as BookLine & { association?: string }).association === id);
    const position = current.filter((l) => ['UNDER_REVIEW', 'CREDITED', 'FEES'].includes(l.kind));
    const plan = planAssociationEntry(S, 'USD', position, associationTarget(S, 'USD', a.status, a.allocations));
    const before = this.lines.length;
    const ok = this.post(associationTarget(S, 'USD', a.status, a.allocations).length === 0 ? 'REVERSAL' : 'ASSOCIATION', plan);
    for (const l of this.lines.slice(before)) (l as BookLine & { association?: string }).association = id;
    return ok;
  }
}

type Op =
  | { op: 'associate'; approved: boolean; parts: Array<{ order: number; amount: number; charges: number }> }
  | { op: 'approve' | 'reject' | 'unbind'; pick: number }
  | { op: 'withdraw'; order: number; amount: number | null }
  | { op: 'result'; pick: number; completed: boolean }
  | { op: 'settle'; order: number }
  | { op: 'refund'; order: number; amount: number; fails: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('associate' as const), approved: fc.boolean(), parts: fc.array(fc.record({ order: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 500_000 }), charges: fc.integer({ min: 0, max: 5_000 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constantFrom('approve' as const, 'reject' as const, 'unbind' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('withdraw' as const), order: fc.integer({ min: 0, max: 2 }), amount: fc.option(fc.integer({ min: 1, max: 600_000 }), { nil: null }) }),
  fc.record({ op: fc.constant('result' as const), pick: fc.nat(), completed: fc.boolean() }),
  fc.record({ op: fc.constant('settle' as const), order: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('refund' as const), order: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 300_000 }), fails: fc.boolean() }),
);

function run(ops: Op[]): Book {
  const b = new Book();
  let n = 0;
  for (const o of ops) {
    const live = [...b.associations.entries()].filter(([, a]) => a.status === 'PROPOSED' || a.status === 'APPROVED');
    switch (o.op) {
      case 'associate': {
        const id = `a${++n}`;
        const allocations = o.parts.map((p) => ({ orderNo: `EO-2026-00000${p.order}`, amount: BigInt(p.amount), bankCharges: BigInt(p.charges) }));
        b.associations.set(id, { status: o.approved ? 'APPROVED' : 'PROPOSED', allocations, remittance: `r${n}` });
        expect(b.sync(id)).toBe(true);
        break;
      }
      case 'approve':
      case 'reject':
      case 'unbind': {
        const candidates = live.filter(([, a]) => (o.op === 'unbind' ? true : a.status === 'PROPOSED'));
        if (candidates.length === 0) break;
        const [id, a] = candidates[o.pick % candidates.length];
        const prev = a.status;
        a.status = o.op === 'approve' ? 'APPROVED' : o.op === 'reject' ? 'REJECTED' : 'UNBOUND';
        // Settled credit is converted back first; a refused reversal (funds withdrawn) rolls everything back, as the hook's 409 does.
        const restore = b.snapshot();
        if (!b.sync(id)) {
          for (const orderNo of new Set(a.allocations.map((x) => x.orderNo))) b.unsettle(orderNo);
          if (!b.sync(id)) {
            restore();
            a.status = prev;
          }
        }
        break;
      }
      case 'withdraw': {
        const orderNo = `EO-2026-00000${o.order}`;
        const ws = [...b.withdrawals.values()].filter((w) => w.orderNo === orderNo);
        const verdict = checkWithdrawal({
          paymentInfoConfirmed: true, credited: b.balance('CREDITED', orderNo), openRefund: false, creditingHeld: false,
          inFlight: ws.some((w) => w.status === 'REQUESTED'), withdrawnSoFar: ws.filter((w) => w.status !== 'FAILED').reduce((s, w) => s + w.amount, 0n),
          preShipment: 400_000n, declaredGoods: 0n, ...(o.amount === null ? {} : { requested: BigInt(o.amount) }),
        });
        if (!verdict.ok) break;
        expect(b.post('WITHDRAWAL', moveLines(S, 'USD', orderNo, 'CREDITED', 'WITHDRAWING', verdict.amount))).toBe(true);
        b.withdrawals.set(`w${++n}`, { orderNo, amount: verdict.amount, status: 'REQUESTED' });
        break;
      }
      case 'settle':
        b.settle(`EO-2026-00000${o.order}`);
        break;
      case 'refund': {
        // An accepted refund: CREDITED -> REFUNDED when the credit is there; a failed one comes back.
        const orderNo = `EO-2026-00000${o.order}`;
        const amount = BigInt(o.amount);
        if (b.balance('CREDITED', orderNo) < amount) break;
        expect(b.post('REFUND', moveLines(S, 'USD', orderNo, 'CREDITED', 'REFUNDED', amount))).toBe(true);
        if (o.fails) expect(b.post('REVERSAL', moveLines(S, 'USD', orderNo, 'REFUNDED', 'CREDITED', amount))).toBe(true);
        break;
      }
      case 'result': {
        const open = [...b.withdrawals.values()].filter((w) => w.status === 'REQUESTED');
        if (open.length === 0) break;
        const w = open[o.pick % open.length];
        w.status = o.completed ? 'COMPLETED' : 'FAILED';
        expect(b.post(o.completed ? 'WITHDRAWAL_COMPLETED' : 'WITHDRAWAL_FAILED', moveLines(S, 'USD', w.orderNo, 'WITHDRAWING', o.completed ? 'WITHDRAWN' : 'CREDITED', w.amount))).toBe(true);
        break;
      }
    }
  }
  return b;
}

const stored = (b: Book) => [...b.balances.entries()].map(([id, balance]) => {
  const [sellerId, currency, kind, orderNo] = id.split('|') as [string, string, PlannedLine['kind'], string];
  return { sellerId, currency, kind, orderNo, balance };
});

describe('ledger (pure)', () => {
  it('an association moves money by status; fees balance against BANK; unbind is an exact reversal', () => {
    const target = associationTarget(S, 'USD', 'APPROVED', [{ orderNo: 'O1', amount: 998_500n, bankCharges: 1_500n }]);
    const credit = planAssociationEntry(S, 'USD', [], target);
    expect(credit.map((l) => [l.kind, l.amount])).toEqual(expect.arrayContaining([['CREDITED', 998_500n], ['FEES', 1_500n], ['UNASSOCIATED', -998_500n], ['BANK', -1_500n]]));
    expect(imbalance(credit).size).toBe(0);
    const reverse = planAssociationEntry(S, 'USD', target, []);
    expect(reverse.map((l) => [l.kind, l.amount])).toEqual(expect.arrayContaining([['CREDITED', -998_500n], ['FEES', -1_500n], ['UNASSOCIATED', 998_500n], ['BANK', 1_500n]]));
    expect(planAssociationEntry(S, 'USD', target, target)).toEqual([]);
  });

  it('property: random sequences of associate / approve / reject / unbind / withdraw / bank results / FX settle / refunds keep every invariant', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const b = run(ops);
        expect(verifyBook(b.lines, stored(b)).violations).toEqual([]);
        // Conservation: everything the bank took in is somewhere in the buckets.
        for (const currency of ['USD', 'CNY']) {
          const buckets = [...b.balances.entries()].filter(([id]) => id.includes(`|${currency}|`) && !id.includes('|BANK|')).reduce((s, [, v]) => s + v, 0n);
          expect(buckets).toBe(-(b.balances.get(accountId({ sellerId: S, currency, kind: 'BANK', orderNo: '' })) ?? 0n));
        }
        // Per order: what withdrawals hold equals the withdrawals not failed.
        for (const o of [0, 1, 2]) {
          const orderNo = `EO-2026-00000${o}`;
          const out = [...b.withdrawals.values()].filter((w) => w.orderNo === orderNo && w.status !== 'FAILED').reduce((s, w) => s + w.amount, 0n);
          expect(b.balance('WITHDRAWING', orderNo) + b.balance('WITHDRAWN', orderNo)).toBe(out);
          expect(out).toBeLessThanOrEqual(420_000n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: verify names the entry when a line is lost or altered', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 40 }), fc.nat(), (ops, pick) => {
        const b = run(ops);
        fc.pre(b.lines.length > 0);
        const victim = b.lines[pick % b.lines.length];
        const tampered = b.lines.map((l) => (l === victim ? { ...l, amount: l.amount + 1n } : l));
        const report = verifyBook(tampered, stored(b));
        expect(report.violations).toContainEqual(expect.objectContaining({ check: 'ENTRY_UNBALANCED', entryIds: [victim.entryId] }));
      }),
      { numRuns: 200 },
    );
  });

  it('verify: a withdrawal from funds never credited, and a negative bucket, are named', () => {
    const lines: BookLine[] = [
      ...receiptLines(S, 'USD', 100n).map((l) => ({ ...l, entryId: '1', seq: 1n, entryKind: 'RECEIPT' as const })),
      ...moveLines(S, 'USD', 'O1', 'CREDITED', 'WITHDRAWING', 50n).map((l) => ({ ...l, entryId: '2', seq: 2n, entryKind: 'WITHDRAWAL' as const })),
    ];
    const report = verifyBook(lines);
    expect(report.violations.map((v) => [v.check, v.entryIds])).toEqual([['NEGATIVE_BALANCE', ['2']], ['WITHDRAWN_EXCEEDS_CREDITED', ['2']]]);
  });
});
