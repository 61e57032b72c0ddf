/**
 * An adversarial labelled corpus of bank wires for the matching engine (issue #20 §5), written
 * from docs/domain.md §3 and the bank formats, NOT from the engine's rule table: each wire carries the
 * decision a careful finance person would take (see test/quality/README.md for the rule behind
 * every kind).
 *
 * `generateCorpus({ seed, wires, orders })` is pure and deterministic: sellers, buyers, orders
 * (deposit + balance milestones), and the wires with their labels. Amounts are exact: bigint minor
 * units inside, decimal strings outside. `renderMt103` / `renderCamt054` turn a wire into the bank
 * file the hub receives (the UETR is part of the wire, so the bytes are deterministic too).
 */
import { buildCamt054, buildMt103 } from '@ereceipt/testing';
import { companyBase, defaultChargeTolerance, LEGAL_FORMS, orderNumber, percentOf, Rng, thirdPartyName, toDecimal, virtualAccount } from './corpus-support';

export const KINDS = [
  'exact-ref',
  'ref-split-line',
  'ref-lower-case',
  'ref-no-dashes',
  'ref-inv-prefix',
  'fees-sha-71f',
  'fees-ben-71f',
  'fees-two-banks-71f',
  'deposit-then-balance',
  'two-orders-quoted',
  'three-orders-quoted',
  'two-orders-unquoted',
  'three-orders-unquoted',
  'overpayment',
  'underpayment',
  'third-party-own-account',
  'third-party-known-account',
  'unknown-order-ref',
  'other-seller-order',
  'typo-transposition',
  'typo-dropped-digit',
  'amount-only-few',
  'amount-only-50',
  'amount-only-200',
  'amount-coincidence',
  'currency-mismatch',
  'wrong-virtual-account',
  'legal-form-twins',
  'camt054-exact',
] as const;
export type Kind = (typeof KINDS)[number];
/** Setup wires (phase 0): a buyer pays from its own account so the account becomes known; not scored. */
export const SETUP_KIND = 'setup-known-account';
export type WireKind = Kind | typeof SETUP_KIND;

/** Relative share of each kind in the corpus (wires, not cases). */
const WEIGHTS: Record<Kind, number> = {
  'exact-ref': 80,
  'ref-split-line': 40,
  'ref-lower-case': 30,
  'ref-no-dashes': 30,
  'ref-inv-prefix': 30,
  'fees-sha-71f': 40,
  'fees-ben-71f': 25,
  'fees-two-banks-71f': 25,
  'deposit-then-balance': 60,
  'two-orders-quoted': 30,
  'three-orders-quoted': 20,
  'two-orders-unquoted': 30,
  'three-orders-unquoted': 20,
  overpayment: 30,
  underpayment: 30,
  'third-party-own-account': 40,
  'third-party-known-account': 40,
  'unknown-order-ref': 40,
  'other-seller-order': 30,
  'typo-transposition': 30,
  'typo-dropped-digit': 25,
  'amount-only-few': 50,
  'amount-only-50': 35,
  'amount-only-200': 35,
  'amount-coincidence': 50,
  'currency-mismatch': 25,
  'wrong-virtual-account': 30,
  'legal-form-twins': 40,
  'camt054-exact': 20,
};

export interface Allocation {
  orderNo: string;
  /** In the wire's currency, decimal string. */
  amount: string;
}

export type Label =
  /** Credit without a person: exactly these allocations (they add up to the wire's settled amount). */
  | { expect: 'AUTO'; allocations: Allocation[] }
  /** A person decides; `intended` are the orders a reviewer should see first (any of them first is right; none: no association should be made). */
  | { expect: 'REVIEW'; intended: string[] };

export interface CorpusSeller {
  index: number;
  id: string;
  legalName: string;
  accounts: Array<{ currency: string; accountNumber: string }>;
}

export interface CorpusOrder {
  orderNo: string;
  sellerIndex: number;
  buyerName: string;
  currency: string;
  /** DEPOSIT milestone (pre-shipment), BALANCE milestone, total = deposit + balance: decimal strings. */
  deposit: string;
  balance: string;
  total: string;
}

export interface CorpusWire {
  /** Stable id ("W000042"); the bank reference is a run prefix + this id. */
  id: string;
  kind: WireKind;
  variant: string;
  /** 0: setup (known accounts), 1: the corpus, 2: after phase 1 was settled (balances after deposits). */
  phase: 0 | 1 | 2;
  format: 'mt103' | 'camt054';
  /** The seller whose collection account the wire was sent to, or null (no such account). */
  sellerIndex: number | null;
  currency: string;
  /** What the beneficiary's bank settled (:32A:, camt Amt): decimal string. */
  amount: string;
  /** :33B: instructed amount (same currency), or null. */
  instructed: string | null;
  /** :71F: sender's charges deducted (decimal strings). */
  charges: string[];
  chargeBearer: 'OUR' | 'SHA' | 'BEN';
  payerName: string;
  payerAccount: string;
  beneficiaryAccount: string;
  beneficiaryName: string;
  /** :70: lines (each at most 35 characters, at most 4 lines). */
  remittanceInfo: string[];
  uetr: string;
  label: Label;
  /** Setup and deposits: what finance associates by hand after the phase when the engine did not credit exactly this. */
  settle: Allocation[] | null;
  /** Why the label is what it is (the docs/domain.md rule), for a person reading a miss. */
  why: string;
}

export interface Corpus {
  seed: number;
  sellers: CorpusSeller[];
  orders: CorpusOrder[];
  wires: CorpusWire[];
}

export interface CorpusOptions {
  seed: number;
  /** Scored wires wanted (phases 1 and 2); the corpus holds about this many, at least 3 of each kind. */
  wires: number;
  /** Orders wanted; more when the cases need them. */
  orders: number;
}

// ---------------------------------------------------------------------------------------------

interface Ord {
  no: number;
  orderNo: string;
  seller: number;
  buyer: string;
  currency: string;
  D: bigint;
  B: bigint;
  T: bigint;
}

interface Buyer {
  name: string;
  account: string;
  seller: number;
  orders: Ord[];
}

type Fit = Array<{ order: Ord; amount: bigint }>;

const YEAR = 2026;
const UNKNOWN_FROM = 900_000;
const TWIN_BASES_FROM = 100_000;
const NO_REF_TEXTS = [['GOODS'], ['PAYMENT'], ['INVOICE PAYMENT'], ['TRADE PAYMENT'], ['PURCHASE OF GOODS'], ['/BNF/SUPPLIER PAYMENT']];
const QUOTE_TEXTS: Array<(n: string) => string[]> = [(n) => [`PAYMENT FOR ORDER ${n}`], (n) => [n], (n) => [`INVOICE ${n} DEPOSIT`], (n) => [`ORDER ${n}`, 'THANK YOU'], (n) => [`PI ${n}`]];
const SELLER_CITIES = ['NINGBO', 'YIWU', 'SHENZHEN', 'XIAMEN', 'QINGDAO', 'SUZHOU', 'FOSHAN', 'DONGGUAN', 'WENZHOU', 'HANGZHOU'];
const SELLER_WORDS = ['BRIGHTSTAR', 'GOLDEN BRIDGE', 'EVERGREEN', 'SUNRISE', 'HONGDA', 'JINHUA', 'RUIXIN', 'TIANYU', 'HUAMEI', 'XINGWANG'];
/** Pairs of different legal forms (never an abbreviation of the other, like LTD / LIMITED). */
const TWIN_FORMS: Array<[string, string]> = [['LLC', 'INC'], ['GMBH', 'AG'], ['LTD', 'LLC'], ['SA', 'BV'], ['CORP', 'LTD'], ['SRL', 'SA'], ['GMBH', 'KG'], ['PLC', 'LTD']];

/** The payable amounts of an open, unpaid order: its deposit, its balance, its total. */
function payable(o: Ord): bigint[] {
  return [...new Set([o.D, o.B, o.T])];
}

/**
 * Every way `amount` is the sum of one payable amount of each of 1..maxK distinct orders (exact,
 * to the minor unit). `remaining` overrides an order's payable amounts (e.g. a deposit already paid).
 */
function fits(orders: readonly Ord[], amount: bigint, maxK: number, remaining = new Map<Ord, bigint[]>()): Fit[] {
  const out: Fit[] = [];
  const amountsOf = (o: Ord) => remaining.get(o) ?? payable(o);
  const walk = (from: number, left: bigint, chosen: Fit) => {
    if (left === 0n && chosen.length > 0) {
      out.push([...chosen]);
      return;
    }
    if (chosen.length === maxK || left <= 0n) return;
    for (let i = from; i < orders.length; i++) {
      const o = orders[i];
      for (const a of amountsOf(o)) {
        if (a > left) continue;
        chosen.push({ order: o, amount: a });
        walk(i + 1, left - a, chosen);
        chosen.pop();
      }
    }
  };
  walk(0, amount, []);
  return out;
}

class Builder {
  readonly rng: Rng;
  readonly sellers: CorpusSeller[] = [];
  private readonly free: number[][] = [];
  private readonly sellerOf: number[] = [];
  private readonly taken = new Set<number>();
  readonly orders = new Map<number, Ord>();
  readonly wires: CorpusWire[] = [];
  private buyerSeq = 0;
  private tpSeq = 0;
  private twinSeq = 0;
  private wireSeq = 0;
  private accountSeq = 0;
  /**
   * Virtual accounts from 70,000,001: other hubs on the same Kafka number theirs from 1, and their
   * test wires (which this hub consumes too) must never land on the corpus' sellers.
   */
  private vaSeq = 70_000_000;
  /** Big buyers (>= 50 and >= 200 open orders) and their orders no wire targets yet. */
  readonly big: Record<'50' | '200', Array<{ buyer: Buyer; unused: Ord[] }>> = { '50': [], '200': [] };

  constructor(
    seed: number,
    readonly maxNumber: number,
    sellerCount: number,
  ) {
    this.rng = new Rng(seed);
    for (let i = 0; i < sellerCount; i++) {
      const currencies = i === 0 ? ['USD', 'EUR'] : ['USD'];
      this.sellers.push({
        index: i,
        id: this.rng.uuid(),
        legalName: `${SELLER_CITIES[i % SELLER_CITIES.length]} ${SELLER_WORDS[Math.floor(i / SELLER_CITIES.length + i) % SELLER_WORDS.length]} CO LTD`,
        accounts: currencies.map((currency) => ({ currency, accountNumber: virtualAccount(++this.vaSeq) })),
      });
      this.free.push([]);
    }
    // Order numbers 1..N, each owned by a random seller: sellers' numbers interleave densely, as the
    // hub's global sequence makes them (so most typos of a number are another real order).
    for (let n = 1; n <= maxNumber; n++) {
      const s = this.rng.int(0, sellerCount - 1);
      this.sellerOf[n] = s;
      this.free[s].push(n);
    }
    for (const list of this.free) this.rng.shuffle(list);
  }

  va(seller: number, currency = 'USD'): string {
    const a = this.sellers[seller].accounts.find((x) => x.currency === currency);
    if (!a) throw new Error(`seller ${seller} has no ${currency} account`);
    return a.accountNumber;
  }

  randomSeller(): number {
    return this.rng.int(0, this.sellers.length - 1);
  }

  otherSeller(s: number): number {
    return (s + this.rng.int(1, this.sellers.length - 1)) % this.sellers.length;
  }

  newName(): string {
    if (this.buyerSeq >= TWIN_BASES_FROM) throw new Error('too many buyers for the name space');
    return `${companyBase(this.buyerSeq++)} ${this.rng.pick(LEGAL_FORMS)}`;
  }

  /** A company name base of its own for a pair of legal-form twins (never a plain buyer's). */
  twinBase(): string {
    return companyBase(TWIN_BASES_FROM + this.twinSeq++);
  }

  newAccount(country: string): string {
    return `${country}${String(++this.accountSeq).padStart(6, '0')}${String(this.rng.int(0, 999_999_999)).padStart(9, '0')}`;
  }

  thirdParty(): string {
    return thirdPartyName(this.tpSeq++);
  }

  isFree(n: number, seller: number): boolean {
    return n >= 1 && n <= this.maxNumber && this.sellerOf[n] === seller && !this.taken.has(n);
  }

  /** Some free order number of `seller`, without taking it. */
  peekFree(seller: number): number | undefined {
    const list = this.free[seller];
    while (list.length > 0 && this.taken.has(list[list.length - 1])) list.pop();
    if (list.length === 0) return undefined;
    for (let tries = 0; tries < 20; tries++) {
      const n = list[this.rng.int(0, list.length - 1)];
      if (!this.taken.has(n)) return n;
    }
    return list[list.length - 1];
  }

  private take(seller: number, n?: number): number {
    if (n !== undefined) {
      if (!this.isFree(n, seller)) throw new Error(`order number ${n} is not free for seller ${seller}`);
      this.taken.add(n);
      return n;
    }
    const list = this.free[seller];
    for (;;) {
      const next = list.pop();
      if (next === undefined) throw new OutOfNumbers(`seller ${seller} ran out of order numbers`);
      if (!this.taken.has(next)) {
        this.taken.add(next);
        return next;
      }
    }
  }

  /** Random total 500.00 .. 200,000.00 (some larger), deposit 20-50 %. */
  amounts(minDeposit = 0n): { D: bigint; B: bigint; T: bigint } {
    for (;;) {
      const T = this.rng.chance(0.85) ? this.rng.big(50_000n, 20_000_000n) : this.rng.big(20_000_000n, 60_000_000n);
      const D = percentOf(T, BigInt(this.rng.pick([20, 30, 40, 50])));
      if (D >= minDeposit && D > 0n) return { D, B: T - D, T };
    }
  }

  order(seller: number, buyer: string, currency = 'USD', n?: number, minDeposit = 0n): Ord {
    const no = this.take(seller, n);
    const o: Ord = { no, orderNo: orderNumber(YEAR, no), seller, buyer, currency, ...this.amounts(minDeposit) };
    this.orders.set(no, o);
    return o;
  }

  buyer(seller: number, count: number, currency = 'USD', name = this.newName()): Buyer {
    const b: Buyer = { name, account: this.newAccount(this.rng.pick(['DE', 'GB', 'US', 'FR', 'NL', 'AE'])), seller, orders: [] };
    for (let i = 0; i < count; i++) b.orders.push(this.order(seller, name, currency));
    return b;
  }

  /** Gives `o` new random amounts (it must not be referenced by a wire yet). */
  reroll(o: Ord, minDeposit = 0n): void {
    Object.assign(o, this.amounts(minDeposit));
  }

  uetr(): string {
    return this.rng.uuid();
  }

  wire(kind: WireKind, variant: string, w: Partial<CorpusWire> & Pick<CorpusWire, 'payerName' | 'payerAccount' | 'remittanceInfo' | 'label' | 'why'> & { seller: number | null; amountMinor: bigint }): CorpusWire {
    const currency = w.currency ?? 'USD';
    const seller = w.seller;
    for (const line of w.remittanceInfo) if (line.length > 35) throw new Error(`:70: line over 35 characters: "${line}"`);
    if (w.remittanceInfo.length > 4) throw new Error(':70: has at most 4 lines');
    const out: CorpusWire = {
      id: `W${String(++this.wireSeq).padStart(6, '0')}`,
      kind,
      variant,
      phase: w.phase ?? 1,
      format: w.format ?? 'mt103',
      sellerIndex: w.sellerIndex !== undefined ? w.sellerIndex : seller,
      currency,
      amount: toDecimal(w.amountMinor, currency),
      instructed: w.instructed ?? null,
      charges: w.charges ?? [],
      chargeBearer: w.chargeBearer ?? this.rng.pick(['SHA', 'SHA', 'OUR']),
      payerName: w.payerName,
      payerAccount: w.payerAccount,
      beneficiaryAccount: w.beneficiaryAccount ?? (seller === null ? virtualAccount(99_000_000 + this.wireSeq) : this.va(seller, currency)),
      beneficiaryName: w.beneficiaryName ?? (seller === null ? 'UNKNOWN BENEFICIARY' : this.sellers[seller].legalName),
      remittanceInfo: w.remittanceInfo,
      uetr: this.uetr(),
      label: w.label,
      settle: w.settle ?? null,
      why: w.why,
    };
    this.wires.push(out);
    return out;
  }

  /** Orders no wire touched become open orders of filler buyers (3-8 orders each, same seller). */
  fill(): void {
    for (let s = 0; s < this.sellers.length; s++) {
      let buyer: string | null = null;
      let left = 0;
      for (;;) {
        const list = this.free[s];
        while (list.length > 0 && this.taken.has(list[list.length - 1])) list.pop();
        if (list.length === 0) break;
        if (left === 0 || buyer === null) {
          buyer = this.newName();
          left = this.rng.int(3, 8);
        }
        this.order(s, buyer);
        left--;
      }
    }
  }
}

const auto = (...allocations: Fit): Label => ({ expect: 'AUTO', allocations: allocations.map((a) => ({ orderNo: a.order.orderNo, amount: toDecimal(a.amount, a.order.currency) })) });
const review = (...intended: Ord[]): Label => ({ expect: 'REVIEW', intended: intended.map((o) => o.orderNo) });
const alloc = (o: Ord, amount: bigint): Allocation[] => [{ orderNo: o.orderNo, amount: toDecimal(amount, o.currency) }];
const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/** Makes `amount` a unique fit of the buyer's orders (k <= 3) by re-drawing other orders' amounts. */
function ensureUnique(b: Builder, orders: Ord[], keep: readonly Ord[], amountOf: () => bigint, remaining?: Map<Ord, bigint[]>): boolean {
  for (let tries = 0; tries < 50; tries++) {
    if (fits(orders, amountOf(), 3, remaining).length === 1) return true;
    for (const o of orders) if (!keep.includes(o)) b.reroll(o);
    if (tries > 10) for (const o of keep) b.reroll(o);
  }
  return false;
}

// --- the kinds -----------------------------------------------------------------------------------

type Case = (b: Builder) => void;

const quoted = (b: Builder, n: string) => b.rng.pick(QUOTE_TEXTS)(n);
const noRef = (b: Builder) => [...b.rng.pick(NO_REF_TEXTS)];

function exactRef(b: Builder): void {
  const variant = b.rng.pick(['deposit', 'deposit', 'total', 'big-buyer', 'eur']);
  if (variant === 'big-buyer') {
    const big = b.big['200'].find((x) => x.unused.length > 0) ?? b.big['50'].find((x) => x.unused.length > 0);
    if (big) {
      const x = big.unused.pop()!;
      b.wire('exact-ref', variant, { seller: x.seller, amountMinor: x.D, payerName: big.buyer.name, payerAccount: big.buyer.account, remittanceInfo: quoted(b, x.orderNo), label: auto({ order: x, amount: x.D }), why: 'a buyer with many open orders quotes one of them and pays its deposit exactly: the reference decides' });
      return;
    }
  }
  const currency = variant === 'eur' ? 'EUR' : 'USD';
  const s = variant === 'eur' ? 0 : b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 5), currency);
  const x = buyer.orders[0];
  const amount = variant === 'total' ? x.T : x.D;
  b.wire('exact-ref', variant === 'big-buyer' ? 'deposit' : variant, { seller: s, currency, amountMinor: amount, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: auto({ order: x, amount }), why: 'the buyer quotes its open order and pays a milestone (or the total) exactly: DOMAIN §3 order number in the remittance text' });
}

function reformatted(kind: Kind, render: (b: Builder, no: string) => { variant: string; lines: string[] }): Case {
  return (b) => {
    const s = b.randomSeller();
    const buyer = b.buyer(s, b.rng.int(1, 5));
    const x = buyer.orders[0];
    const { variant, lines } = render(b, x.orderNo);
    b.wire(kind, variant, { seller: s, amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: lines, label: auto({ order: x, amount: x.D }), why: 'the order number is there, only written the way buyers and banks write it (FIN :70: is 4 lines of 35 characters; references get split)' });
  };
}

const splitLine = reformatted('ref-split-line', (b, no) => {
  if (b.rng.chance(0.5)) {
    const at = b.rng.int(2, no.length - 2);
    return { variant: 'split-in-number', lines: [`PAYMENT FOR ORDER ${no.slice(0, at)}`, `${no.slice(at)} DEPOSIT`] };
  }
  const text = `PAYMENT OF PROFORMA INVOICE NO ${no} BALANCE DUE LATER`;
  return { variant: 'wrapped-at-35', lines: [text.slice(0, 35), text.slice(35, 70)] };
});
const lowerCase = reformatted('ref-lower-case', (b, no) => (b.rng.chance(0.5) ? { variant: 'sentence', lines: [`payment for order ${no.toLowerCase()}`] } : { variant: 'bare', lines: [no.toLowerCase()] }));
const noDashes = reformatted('ref-no-dashes', (b, no) => {
  const compact = no.replace(/-/g, '');
  const v = b.rng.int(0, 2);
  if (v === 0) return { variant: 'compact', lines: [`ORDER ${compact}`] };
  if (v === 1) return { variant: 'spaces', lines: [`PAYMENT ${no.replace(/-/g, ' ')}`] };
  return { variant: 'inv-compact', lines: [`INV ${compact}`] };
});
const invPrefix = reformatted('ref-inv-prefix', (b, no) => {
  const v = b.rng.int(0, 2);
  if (v === 0) return { variant: '/INV/', lines: [`/INV/${no}`] };
  if (v === 1) return { variant: '/RFB/', lines: [`/RFB/${no}`] };
  return { variant: '/INV/ with codewords', lines: [`/INV/${no}//DEPOSIT`, '/ROC/PO 4471'] };
});

function fees(kind: 'fees-sha-71f' | 'fees-ben-71f' | 'fees-two-banks-71f'): Case {
  return (b) => {
    const s = b.randomSeller();
    const unquoted = kind === 'fees-sha-71f' && b.rng.chance(0.35);
    const buyer = b.buyer(s, b.rng.int(1, 5));
    const x = buyer.orders[0];
    b.reroll(x, 200_000n);
    if (unquoted && !ensureUnique(b, buyer.orders, [x], () => x.D)) {
      fees(kind)(b);
      return;
    }
    const tolerance = defaultChargeTolerance(x.D, 'USD');
    const c = b.rng.big(tolerance < 500n ? 1n : 500n, tolerance);
    if (unquoted && fits(buyer.orders, x.D - c, 3).length > 0) {
      fees(kind)(b);
      return;
    }
    const settled = x.D - c;
    // Two banks on the way each deducted (and said so in a :71F:); the SWIFT rule 32A = 33B - sum(71F) holds.
    const first = kind === 'fees-two-banks-71f' ? b.rng.big(0n, c) : c;
    const charges = kind === 'fees-two-banks-71f' ? [toDecimal(first, 'USD'), toDecimal(c - first, 'USD')] : [toDecimal(c, 'USD')];
    b.wire(kind, unquoted ? 'unquoted (33B = deposit)' : 'quoted', {
      seller: s,
      amountMinor: settled,
      instructed: toDecimal(x.D, 'USD'),
      charges,
      chargeBearer: kind === 'fees-ben-71f' ? 'BEN' : 'SHA',
      payerName: buyer.name,
      payerAccount: buyer.account,
      remittanceInfo: unquoted ? noRef(b) : quoted(b, x.orderNo),
      label: auto({ order: x, amount: settled }),
      why: `the buyer sent the deposit exactly (33B) and banks deducted ${toDecimal(c, 'USD')} (within the default tolerance, 1 % or 50): bank charges, the milestone counts as paid (DOMAIN §3)`,
    });
  };
}

function depositThenBalance(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.reroll(x, 100_000n);
  let variant = b.rng.pick(['quoted', 'quoted', 'quoted-with-charges', 'unquoted']);
  if (variant === 'unquoted' && !ensureUnique(b, buyer.orders, [x], () => x.B, new Map([[x, [x.B]]]))) variant = 'quoted';
  b.wire('deposit-then-balance', 'deposit', { seller: s, amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: auto({ order: x, amount: x.D }), settle: alloc(x, x.D), why: 'the deposit, quoted and exact' });
  const base = { seller: s, phase: 2 as const, payerName: buyer.name, payerAccount: buyer.account, why: 'the balance after the deposit was credited: what is still due on the order' };
  if (variant === 'quoted-with-charges') {
    const c = b.rng.big(100n, defaultChargeTolerance(x.B, 'USD') > 100n ? defaultChargeTolerance(x.B, 'USD') : 100n);
    const settled = x.B - (c <= defaultChargeTolerance(x.B, 'USD') ? c : 0n);
    b.wire('deposit-then-balance', 'balance quoted, SHA 71F', { ...base, amountMinor: settled, instructed: toDecimal(x.B, 'USD'), charges: settled === x.B ? [] : [toDecimal(x.B - settled, 'USD')], chargeBearer: 'SHA', remittanceInfo: [`BALANCE ${x.orderNo}`], label: auto({ order: x, amount: settled }) });
  } else if (variant === 'unquoted') {
    b.wire('deposit-then-balance', 'balance unquoted', { ...base, amountMinor: x.B, chargeBearer: 'OUR', remittanceInfo: ['BALANCE PAYMENT'], label: auto({ order: x, amount: x.B }), why: 'the balance, unquoted, from the buyer, exactly what is left on one of its few open orders' });
  } else {
    b.wire('deposit-then-balance', 'balance quoted', { ...base, amountMinor: x.B, remittanceInfo: [`BALANCE ${x.orderNo}`], label: auto({ order: x, amount: x.B }) });
  }
}

function multiQuoted(k: 2 | 3): Case {
  return (b) => {
    const s = b.randomSeller();
    const buyer = b.buyer(s, b.rng.int(k, 5));
    const xs = buyer.orders.slice(0, k);
    const totals = b.rng.chance(0.3);
    const amountOf = () => sum(xs.map((o) => (totals ? o.T : o.D)));
    // The split must be unique among the quoted orders' payable amounts.
    for (let tries = 0; fits(xs, amountOf(), k).length !== 1 && tries < 50; tries++) xs.forEach((o) => b.reroll(o));
    const nos = xs.map((o) => o.orderNo);
    const lines = k === 2 ? (b.rng.chance(0.5) ? [`/INV/${nos[0]}//${nos[1]}`] : [`ORDERS ${nos[0]}`, `${nos[1]}`]) : [`PAYMENT ${nos[0]}`, `${nos[1]} ${nos[2]}`];
    b.wire(k === 2 ? 'two-orders-quoted' : 'three-orders-quoted', totals ? 'totals' : 'deposits', { seller: s, amountMinor: amountOf(), payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: lines, label: auto(...xs.map((o) => ({ order: o, amount: totals ? o.T : o.D }))), why: 'the buyer quotes each order it pays and the amount is exactly their sum, one way only' });
  };
}

function multiUnquoted(k: 2 | 3): Case {
  return (b) => {
    const s = b.randomSeller();
    const buyer = b.buyer(s, b.rng.int(k, k + 3));
    const xs = buyer.orders.slice(0, k);
    const amountOf = () => sum(xs.map((o) => o.D));
    if (!ensureUnique(b, buyer.orders, xs, amountOf)) throw new Error('could not draw a unique multi-order fit');
    b.wire(k === 2 ? 'two-orders-unquoted' : 'three-orders-unquoted', 'deposits', { seller: s, amountMinor: amountOf(), chargeBearer: 'OUR', payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: noRef(b), label: auto(...xs.map((o) => ({ order: o, amount: o.D }))), why: `the buyer (${buyer.orders.length} open orders) pays exactly the deposits of ${k} of them, and no other combination of up to 3 of its orders fits: chance would rarely produce it` });
  };
}

function overpayment(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  const low = percentOf(x.T, 2n) > 10_000n ? percentOf(x.T, 2n) : 10_000n;
  const extra = b.rng.big(low, low + percentOf(x.T, 15n));
  b.wire('overpayment', 'over the total', { seller: s, amountMinor: x.T + extra, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: review(x), why: 'more than the whole order: the excess is kept as a credit and reported; a person looks (DOMAIN §3)' });
}

function underpayment(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.reroll(x, 100_000n);
  const low = percentOf(x.D, 5n) > defaultChargeTolerance(x.D, 'USD') ? percentOf(x.D, 5n) : defaultChargeTolerance(x.D, 'USD') + 1n;
  const short = b.rng.big(low, percentOf(x.D, 40n));
  b.wire('underpayment', 'short of the deposit, no charges shown', { seller: s, amountMinor: x.D - short, chargeBearer: 'OUR', payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: review(x), why: 'short of the deposit by more than any charge tolerance, no charges shown: the milestone stays partly paid and a person looks' });
}

function thirdPartyOwn(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.wire('third-party-own-account', 'quoted, exact', { seller: s, amountMinor: b.rng.chance(0.7) ? x.D : x.T, payerName: b.thirdParty(), payerAccount: b.newAccount('HK'), remittanceInfo: quoted(b, x.orderNo), label: review(x), why: 'a different payer name: third-party payment, flagged for review (DOMAIN §3)' });
}

function thirdPartyKnown(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(2, 5));
  const [w0, x] = [buyer.orders[0], buyer.orders[1]];
  const unquoted = b.rng.chance(0.35);
  const remaining = new Map([[w0, [w0.B]]]);
  if (unquoted && !ensureUnique(b, buyer.orders, [x, w0], () => x.D, remaining)) {
    thirdPartyKnown(b);
    return;
  }
  b.wire(SETUP_KIND, 'buyer pays from its account', { seller: s, phase: 0, amountMinor: w0.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, w0.orderNo), label: auto({ order: w0, amount: w0.D }), settle: alloc(w0, w0.D), why: 'setup: finance credits this, so the account is known for the buyer' });
  b.wire('third-party-known-account', unquoted ? 'unquoted, exact' : 'quoted, exact', { seller: s, amountMinor: x.D, payerName: b.thirdParty(), payerAccount: buyer.account, remittanceInfo: unquoted ? noRef(b) : quoted(b, x.orderNo), label: review(x), why: 'the account was seen for the buyer but the name is another company: account and name must agree, third-party payment, review (DOMAIN §3)' });
}

function unknownRef(b: Builder): void {
  const s = b.randomSeller();
  const variant = b.rng.pick(['fits-one', 'fits-one', 'fits-none', 'fits-sum-of-three', 'wrong-year']);
  const buyer = b.buyer(s, variant === 'fits-sum-of-three' ? b.rng.int(4, 6) : b.rng.int(1, 4));
  const x = buyer.orders[0];
  const ghost = variant === 'wrong-year' ? orderNumber(YEAR - 1, b.rng.int(1, Math.min(b.maxNumber, 899_999))) : orderNumber(YEAR, b.rng.int(UNKNOWN_FROM, 999_999));
  const base = { seller: s, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: [`PAYMENT FOR ORDER ${ghost}`], why: 'the buyer said which order it paid, and no open order of this seller has that number: a conflicting signal, never an automatic association by amount (DOMAIN §3)' };
  if (variant === 'fits-none') {
    let amount = 0n;
    do amount = b.amounts().D + b.rng.big(1n, 999n);
    while (fits(buyer.orders, amount, 3).length > 0);
    b.wire('unknown-order-ref', variant, { ...base, amountMinor: amount, label: review() });
  } else if (variant === 'fits-sum-of-three') {
    const xs = buyer.orders.slice(0, 3);
    b.wire('unknown-order-ref', variant, { ...base, amountMinor: sum(xs.map((o) => o.D)), label: review(...xs) });
  } else {
    b.wire('unknown-order-ref', variant, { ...base, amountMinor: x.D, label: review(x) });
  }
}

function otherSellerOrder(b: Builder): void {
  const s = b.randomSeller();
  const s2 = b.otherSeller(s);
  const foreign = b.buyer(s2, b.rng.int(1, 3));
  const y = foreign.orders[0];
  if (b.rng.chance(0.5)) {
    b.wire('other-seller-order', 'paid to the wrong seller', { seller: s, amountMinor: y.D, payerName: foreign.name, payerAccount: foreign.account, remittanceInfo: quoted(b, y.orderNo), label: review(), why: 'the quoted order is another seller\'s; funds go only to orders of the seller whose account received them (DOMAIN §3): nothing of this seller to propose' });
    return;
  }
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.wire('other-seller-order', 'own buyer quotes a foreign order', { seller: s, amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: [`PAYMENT FOR ORDER ${y.orderNo}`], label: review(x), why: 'the quoted number is no order of this seller (it is another seller\'s): conflicting signal, review; the order the amount fits is what a reviewer checks first' });
}

function typo(kind: 'typo-transposition' | 'typo-dropped-digit'): Case {
  return (b) => {
    for (let tries = 0; tries < 2_000; tries++) {
      const s = b.randomSeller();
      const n = b.peekFree(s);
      if (n === undefined) continue;
      const digits = String(n).padStart(6, '0');
      const landings: Array<{ m: number; text: string }> = [];
      for (let i = 0; i < digits.length; i++) {
        if (kind === 'typo-transposition' && i + 1 < digits.length && digits[i] !== digits[i + 1]) {
          const t = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
          landings.push({ m: Number(t), text: t });
        }
        if (kind === 'typo-dropped-digit' && digits[i] !== '0') {
          const t = digits.slice(0, i) + digits.slice(i + 1);
          landings.push({ m: Number(t), text: t });
        }
      }
      const ok = landings.filter((l) => l.m !== n && b.isFree(l.m, s));
      if (ok.length === 0) continue;
      const landing = b.rng.pick(ok);
      const buyer = b.buyer(s, 0);
      const x = b.order(s, buyer.name, 'USD', n);
      buyer.orders.push(x);
      const sameBuyer = b.rng.chance(0.4);
      const y = b.order(s, sameBuyer ? buyer.name : b.newName(), 'USD', landing.m);
      if (sameBuyer) buyer.orders.push(y);
      for (let k = b.rng.int(0, 2); k > 0; k--) buyer.orders.push(b.order(s, buyer.name));
      for (let t = 0; payable(y).includes(x.D) || fits(buyer.orders, x.D, 1).length !== 1; t++) {
        if (t > 100) throw new Error('could not draw distinct typo amounts');
        for (const o of buyer.orders) if (o !== x) b.reroll(o);
        b.reroll(y);
      }
      const quotedNo = `EO-${YEAR}-${landing.text}`;
      b.wire(kind, sameBuyer ? 'lands on another order of the same buyer' : 'lands on another buyer\'s order', { seller: s, amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: [`PAYMENT FOR ORDER ${quotedNo}`], label: review(x), why: `quoted ${quotedNo}, a real order (${y.orderNo}) whose amount and buyer do not fit; the amount and payer fit ${x.orderNo}, a typo away: contradiction, review with ${x.orderNo} first` });
      return;
    }
    throw new Error(`no ${kind} landing found (too few orders?)`);
  };
}

function amountOnlyFew(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 6));
  const x = buyer.orders[b.rng.int(0, buyer.orders.length - 1)];
  const total = b.rng.chance(0.3);
  if (!ensureUnique(b, buyer.orders, [x], () => (total ? x.T : x.D))) throw new Error('could not draw a unique amount');
  const amount = total ? x.T : x.D;
  b.wire('amount-only-few', total ? 'total' : 'deposit', { seller: s, amountMinor: amount, chargeBearer: b.rng.pick(['OUR', 'SHA']), payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: noRef(b), label: auto({ order: x, amount }), why: `no reference, but the buyer (${buyer.orders.length} open orders) pays exactly one order's ${total ? 'total' : 'deposit'} and nothing else of its fits: expected coincidental fits far below 0.001` });
}

function bigBuyer(b: Builder, size: '50' | '200'): { buyer: Buyer; unused: Ord[] } {
  const pool = b.big[size];
  const open = pool.filter((p) => p.unused.length > (size === '200' ? 200 : 50) - 8);
  if (open.length > 0 && b.rng.chance(0.85)) return b.rng.pick(open);
  const s = b.randomSeller();
  const buyer = b.buyer(s, size === '200' ? b.rng.int(200, 240) : b.rng.int(50, 80));
  const entry = { buyer, unused: b.rng.shuffle([...buyer.orders]) };
  pool.push(entry);
  return entry;
}

/** An unused order of a big buyer whose deposit no other of its orders can be paid with. */
function uniqueSingle(big: { buyer: Buyer; unused: Ord[] }): Ord | undefined {
  for (let i = big.unused.length - 1; i >= 0; i--) {
    const x = big.unused[i];
    if (fits(big.buyer.orders, x.D, 1).length === 1) {
      big.unused.splice(i, 1);
      return x;
    }
  }
  return undefined;
}

function amountOnlyMany(size: '50' | '200'): Case {
  return (b) => {
    const big = bigBuyer(b, size);
    const x = uniqueSingle(big);
    if (!x) {
      amountOnlyMany(size)(b);
      return;
    }
    b.wire(size === '50' ? 'amount-only-50' : 'amount-only-200', 'deposit, no reference', { seller: x.seller, amountMinor: x.D, chargeBearer: 'OUR', payerName: big.buyer.name, payerAccount: big.buyer.account, remittanceInfo: noRef(b), label: review(x), why: `no reference from a buyer with ${big.buyer.orders.length} open orders: among that many, chance produces exact fits (pairs, triples); suggest the single exact fit, a person decides (DOMAIN §3 evidence, not coincidence)` });
  };
}

function coincidence(b: Builder): void {
  const variant = b.rng.pick(['near-few', 'random-few', 'near-200', 'random-200']);
  const why = 'no reference and the amount is not what any order (or combination) asks for, no charges shown: nothing to credit; a reviewer sees the nearest order, if one is clearly nearest';
  if (variant === 'near-few' || variant === 'random-few') {
    const s = b.randomSeller();
    const buyer = b.buyer(s, b.rng.int(1, 5));
    const x = buyer.orders[0];
    for (let tries = 0; tries < 200; tries++) {
      const near = variant === 'near-few';
      const d = near ? b.rng.big(1n, percentOf(x.D, 2n) > 2n ? percentOf(x.D, 2n) : 2n) : 0n;
      const amount = near ? (b.rng.chance(0.7) && x.D > d ? x.D - d : x.D + d) : b.amounts().D + b.rng.big(1n, 99n);
      const all = buyer.orders.flatMap(payable);
      const distance = (a: bigint) => (a > amount ? a - amount : amount - a);
      if (fits(buyer.orders, amount, 3).length > 0) continue;
      if (near && all.some((a) => a !== x.D && distance(a) <= 10n * d + 100n)) continue;
      if (!near && all.some((a) => distance(a) * 20n <= a)) continue;
      b.wire('amount-coincidence', variant, { seller: s, amountMinor: amount, chargeBearer: 'OUR', payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: noRef(b), label: near ? review(x) : review(), why });
      return;
    }
    coincidence(b);
    return;
  }
  const big = bigBuyer(b, '200');
  const all = big.buyer.orders.flatMap(payable);
  const distance = (a: bigint, amount: bigint) => (a > amount ? a - amount : amount - a);
  for (let tries = 0; tries < 500; tries++) {
    if (variant === 'near-200') {
      const x = big.unused[big.unused.length - 1 - (tries % Math.max(1, big.unused.length))];
      if (!x) break;
      const d = b.rng.big(1n, 2_000n);
      const amount = x.D - d;
      if (all.some((a) => a !== x.D && distance(a, amount) <= 20n * d + 1_000n)) continue;
      if (fits(big.buyer.orders, amount, 1).length > 0) continue;
      big.unused.splice(big.unused.indexOf(x), 1);
      b.wire('amount-coincidence', variant, { seller: x.seller, amountMinor: amount, chargeBearer: 'OUR', payerName: big.buyer.name, payerAccount: big.buyer.account, remittanceInfo: noRef(b), label: review(x), why });
      return;
    }
    const amount = b.amounts().D + b.rng.big(1n, 99n);
    if (all.some((a) => distance(a, amount) * 100n <= a)) continue;
    b.wire('amount-coincidence', variant, { seller: big.buyer.seller, amountMinor: amount, chargeBearer: 'OUR', payerName: big.buyer.name, payerAccount: big.buyer.account, remittanceInfo: noRef(b), label: review(), why: `${why}; with ${big.buyer.orders.length} open orders, sums of 2-3 orders may fit by chance: that is a coincidence, not evidence` });
    return;
  }
  coincidence(b);
}

function currencyMismatch(b: Builder): void {
  const onEurAccount = b.rng.chance(0.4);
  const s = onEurAccount ? 0 : b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.wire('currency-mismatch', onEurAccount ? 'EUR account, USD order quoted' : 'EUR wire on the USD account', { seller: s, currency: 'EUR', beneficiaryAccount: b.va(s, onEurAccount ? 'EUR' : 'USD'), amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: review(), why: 'funds are tied only to orders of the same currency (DOMAIN §3): an EUR wire cannot pay a USD order; a person decides (FX, return)' });
}

function wrongAccount(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  const variant = b.rng.pick(['unassigned account', 'check digit wrong', 'another seller\'s account']);
  let account: string;
  let sellerIndex: number | null = null;
  if (variant === 'unassigned account') account = virtualAccount(b.rng.int(80_000_000, 98_999_999));
  else if (variant === 'check digit wrong') {
    const va = b.va(s);
    account = `${va.slice(0, -1)}${(Number(va.slice(-1)) + b.rng.int(1, 9)) % 10}`;
  } else {
    sellerIndex = b.otherSeller(s);
    account = b.va(sellerIndex);
  }
  b.wire('wrong-virtual-account', variant, { seller: s, sellerIndex, beneficiaryAccount: account, beneficiaryName: b.sellers[s].legalName, amountMinor: x.D, payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: quoted(b, x.orderNo), label: review(), why: 'the virtual account is the strongest key (DOMAIN §1): money that did not arrive on this seller\'s account is not credited to its orders without a person' });
}

function legalFormTwins(b: Builder): void {
  const s = b.randomSeller();
  const base = b.twinBase();
  const [fa, fb] = b.rng.pick(TWIN_FORMS);
  const A = b.buyer(s, b.rng.int(1, 4), 'USD', `${base} ${fa}`);
  const B = b.buyer(s, b.rng.int(1, 4), 'USD', `${base} ${fb}`);
  const variant = b.rng.pick(['quoted-own', 'unquoted-own', 'pays-twin-order', 'quotes-twin-order']);
  const x = A.orders[0];
  const y = B.orders[0];
  const common = { seller: s, payerName: A.name, payerAccount: A.account };
  if (variant === 'quoted-own') {
    b.wire('legal-form-twins', variant, { ...common, amountMinor: x.D, remittanceInfo: quoted(b, x.orderNo), label: auto({ order: x, amount: x.D }), why: `${A.name} quotes its own order; ${B.name} (another legal entity, same words) changes nothing` });
  } else if (variant === 'unquoted-own') {
    for (let t = 0; (fits(A.orders, x.D, 3).length !== 1 || B.orders.some((o) => payable(o).includes(x.D))) && t < 50; t++) A.orders.forEach((o) => b.reroll(o));
    b.wire('legal-form-twins', variant, { ...common, amountMinor: x.D, chargeBearer: 'OUR', remittanceInfo: noRef(b), label: auto({ order: x, amount: x.D }), why: `${A.name} pays exactly one of its few orders; its twin ${B.name} has no such amount` });
  } else if (variant === 'pays-twin-order') {
    for (let t = 0; fits(A.orders, y.D, 3).length > 0 && t < 50; t++) A.orders.forEach((o) => b.reroll(o));
    b.wire('legal-form-twins', variant, { ...common, amountMinor: y.D, chargeBearer: 'OUR', remittanceInfo: noRef(b), label: review(y), why: `${A.name} pays an amount only an order of ${B.name} asks for: another legal entity, a third-party payment at best: review` });
  } else {
    b.wire('legal-form-twins', variant, { ...common, amountMinor: y.D, remittanceInfo: quoted(b, y.orderNo), label: review(y), why: `${A.name} quotes an order of ${B.name}: names differing by the legal form are different companies: third-party payment, review` });
  }
}

function camtExact(b: Builder): void {
  const s = b.randomSeller();
  const buyer = b.buyer(s, b.rng.int(1, 4));
  const x = buyer.orders[0];
  b.wire('camt054-exact', 'Ustrd', { seller: s, format: 'camt054', amountMinor: x.D, chargeBearer: 'SHA', payerName: buyer.name, payerAccount: buyer.account, remittanceInfo: [`PAYMENT FOR ORDER ${x.orderNo}`], label: auto({ order: x, amount: x.D }), why: 'camt.054 credit quoting the order, exact amount' });
}

const CASES: Record<Kind, { build: Case; wiresPerCase: number; ordersPerCase: number }> = {
  'exact-ref': { build: exactRef, wiresPerCase: 1, ordersPerCase: 3 },
  'ref-split-line': { build: splitLine, wiresPerCase: 1, ordersPerCase: 3 },
  'ref-lower-case': { build: lowerCase, wiresPerCase: 1, ordersPerCase: 3 },
  'ref-no-dashes': { build: noDashes, wiresPerCase: 1, ordersPerCase: 3 },
  'ref-inv-prefix': { build: invPrefix, wiresPerCase: 1, ordersPerCase: 3 },
  'fees-sha-71f': { build: fees('fees-sha-71f'), wiresPerCase: 1, ordersPerCase: 3 },
  'fees-ben-71f': { build: fees('fees-ben-71f'), wiresPerCase: 1, ordersPerCase: 3 },
  'fees-two-banks-71f': { build: fees('fees-two-banks-71f'), wiresPerCase: 1, ordersPerCase: 3 },
  'deposit-then-balance': { build: depositThenBalance, wiresPerCase: 2, ordersPerCase: 2.5 },
  'two-orders-quoted': { build: multiQuoted(2), wiresPerCase: 1, ordersPerCase: 3.5 },
  'three-orders-quoted': { build: multiQuoted(3), wiresPerCase: 1, ordersPerCase: 4 },
  'two-orders-unquoted': { build: multiUnquoted(2), wiresPerCase: 1, ordersPerCase: 3.5 },
  'three-orders-unquoted': { build: multiUnquoted(3), wiresPerCase: 1, ordersPerCase: 5 },
  overpayment: { build: overpayment, wiresPerCase: 1, ordersPerCase: 2.5 },
  underpayment: { build: underpayment, wiresPerCase: 1, ordersPerCase: 2.5 },
  'third-party-own-account': { build: thirdPartyOwn, wiresPerCase: 1, ordersPerCase: 2.5 },
  'third-party-known-account': { build: thirdPartyKnown, wiresPerCase: 1, ordersPerCase: 3.5 },
  'unknown-order-ref': { build: unknownRef, wiresPerCase: 1, ordersPerCase: 3.5 },
  'other-seller-order': { build: otherSellerOrder, wiresPerCase: 1, ordersPerCase: 4.5 },
  'typo-transposition': { build: typo('typo-transposition'), wiresPerCase: 1, ordersPerCase: 3 },
  'typo-dropped-digit': { build: typo('typo-dropped-digit'), wiresPerCase: 1, ordersPerCase: 3 },
  'amount-only-few': { build: amountOnlyFew, wiresPerCase: 1, ordersPerCase: 3.5 },
  'amount-only-50': { build: amountOnlyMany('50'), wiresPerCase: 1, ordersPerCase: 10 },
  'amount-only-200': { build: amountOnlyMany('200'), wiresPerCase: 1, ordersPerCase: 30 },
  'amount-coincidence': { build: coincidence, wiresPerCase: 1, ordersPerCase: 15 },
  'currency-mismatch': { build: currencyMismatch, wiresPerCase: 1, ordersPerCase: 2.5 },
  'wrong-virtual-account': { build: wrongAccount, wiresPerCase: 1, ordersPerCase: 2.5 },
  'legal-form-twins': { build: legalFormTwins, wiresPerCase: 1, ordersPerCase: 5 },
  'camt054-exact': { build: camtExact, wiresPerCase: 1, ordersPerCase: 2.5 },
};

/** How many cases of each kind a corpus of `wires` scored wires holds (at least 3 of each). */
export function kindCounts(wires: number): Record<Kind, number> {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  return Object.fromEntries(KINDS.map((k) => [k, Math.max(3, Math.round((wires * WEIGHTS[k]) / total / CASES[k].wiresPerCase))])) as Record<Kind, number>;
}

/** The deterministic corpus for a seed and a size. Pure: no I/O, no clock, no Math.random. */
export function generateCorpus(options: CorpusOptions): Corpus {
  for (let room = 1.4; ; room *= 1.5) {
    try {
      return generateWith(options, room);
    } catch (e) {
      // A seller ran out of order numbers: the same draw again with more room (still deterministic).
      if (!(e instanceof OutOfNumbers) || room > 10) throw e;
    }
  }
}

class OutOfNumbers extends Error {}

function generateWith(options: CorpusOptions, room: number): Corpus {
  const counts = kindCounts(options.wires);
  // 200-order buyers serve 8 wires or so each; the rest needs a handful of orders per case.
  const needed = KINDS.reduce((n, k) => n + counts[k] * CASES[k].ordersPerCase, 0) + 260 * 2 + 80 * 2;
  const maxNumber = Math.max(options.orders, Math.ceil(needed * room));
  if (maxNumber >= UNKNOWN_FROM) throw new Error(`at most ${UNKNOWN_FROM - 1} orders (numbers from ${UNKNOWN_FROM} are the corpus' unknown order numbers)`);
  const sellerCount = Math.min(10, Math.max(3, Math.round(maxNumber / 10_000)));
  const b = new Builder(options.seed, maxNumber, sellerCount);
  // Cases in a seeded random order, so no kind always gets the first (or last) order numbers.
  const plan = b.rng.shuffle(KINDS.flatMap((k) => Array.from({ length: counts[k] }, () => k)));
  // Typos first, while most numbers are free (a typo must land on an order no other case uses).
  plan.sort((p, q) => Number(q.startsWith('typo-')) - Number(p.startsWith('typo-')));
  for (const kind of plan) CASES[kind].build(b);
  b.fill();
  const orders = [...b.orders.values()]
    .sort((p, q) => p.no - q.no)
    .map((o): CorpusOrder => ({ orderNo: o.orderNo, sellerIndex: o.seller, buyerName: o.buyer, currency: o.currency, deposit: toDecimal(o.D, o.currency), balance: toDecimal(o.B, o.currency), total: toDecimal(o.T, o.currency) }));
  return { seed: options.seed, sellers: b.sellers, orders, wires: b.wires };
}

// --- bank files -----------------------------------------------------------------------------------

export interface RenderOptions {
  /** Prefix of every bank reference (:20:, camt InstrId): unique per run. */
  refPrefix: string;
  /** Value date, YYYY-MM-DD. */
  valueDate: string;
}

/** The wire as one MT103 (FIN). */
export function renderMt103(w: CorpusWire, o: RenderOptions): string {
  return buildMt103({
    ref: `${o.refPrefix}${w.id}`,
    uetr: w.uetr,
    valueDate: o.valueDate.slice(2).replace(/-/g, ''),
    currency: w.currency,
    amount: w.amount.replace('.', ','),
    instructed: w.instructed === null ? null : w.instructed.replace('.', ','),
    payerName: w.payerName,
    payerAccount: w.payerAccount,
    beneficiaryAccount: w.beneficiaryAccount,
    beneficiaryName: w.beneficiaryName,
    remittanceInfo: w.remittanceInfo,
    chargeBearer: w.chargeBearer,
    charges: w.charges.map((c) => c.replace('.', ',')),
  });
}

/** The wire as a camt.054 notification of one booked credit on its beneficiary account. */
export function renderCamt054(w: CorpusWire, o: RenderOptions): string {
  return buildCamt054({
    msgId: `${o.refPrefix}N${w.id}`,
    account: w.beneficiaryAccount,
    credits: [{ ref: `${o.refPrefix}${w.id}`, uetr: w.uetr, endToEndId: `E2E${w.id}`, currency: w.currency, amount: w.amount, valueDate: o.valueDate, payerName: w.payerName, payerAccount: w.payerAccount, beneficiaryName: w.beneficiaryName, remittanceInfo: w.remittanceInfo.join(' ') }],
  });
}
