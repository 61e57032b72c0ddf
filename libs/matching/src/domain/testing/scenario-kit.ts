import type { CanonicalRemittance } from '@ereceipt/contracts';
import { fromMinorUnits, toMinorUnits } from '@ereceipt/money';
import type { Allocation, CandidateOrder } from '@ereceipt/matching';
import type { Rng } from './prng';
import { addDays, LEGAL_FORMS, type World } from './world';

/** Helpers the corpus scenarios share: how buyers write names and references, and the labels' arithmetic. */
export type CaseLabel = { kind: 'AUTO'; allocations: Allocation[] } | { kind: 'MUST_NOT_AUTO'; why: string; intended: string[] };

export function payerVariant(rng: Rng, name: string): string {
  const words = name.split(' ');
  const base = words.slice(0, 2);
  const typo = (w: string) => {
    const i = rng.int(1, w.length - 2);
    const op = rng.int(0, 2);
    if (op === 0) return w.slice(0, i) + w.slice(i + 1);
    if (op === 1) return w.slice(0, i) + (w[i] === 'X' ? 'Y' : 'X') + w.slice(i + 1);
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const longest = base[0].length >= base[1].length ? 0 : 1;
  const withTypo = base.map((w, i) => (i === longest ? typo(w) : w));
  switch (rng.int(0, 7)) {
    case 0: return name;
    case 1: return name.toLowerCase();
    case 2: return base.join(' ');
    case 3: return `${base.join(' ')} ${rng.pick(LEGAL_FORMS)}`;
    case 4: return `${withTypo.join(' ')} ${words.slice(2).join(' ')}`;
    case 5: return `${base[1]} ${base[0]}`;
    case 6: return withTypo.join(' ').toLowerCase();
    default: return name.replace(/\b([A-Z])([A-Z]+)/g, (_, a: string, b: string) => a + b.toLowerCase());
  }
}

function formatOne(rng: Rng, orderNo: string): string {
  const [, year, seq] = orderNo.split('-');
  return rng.pick([orderNo, orderNo.toLowerCase(), `EO${year}${seq}`, `EO ${year} ${seq}`, `${year}${seq}`, `${year}-${seq}`, `EO/${year}/${seq}`, `Eo-${year}-${seq}`]);
}

/** The order numbers as a buyer types them: free text (hard-wrapped like MT103 :70:) or structured. */
export function refText(rng: Rng, orderNos: string[]): { remittanceInfo: string | null; references: string[] } {
  if (rng.chance(0.25)) return { remittanceInfo: null, references: [...orderNos] };
  const prefix = rng.pick(['PAYMENT FOR ORDER', 'INV', 'PO 4711 ORDER', 'DEPOSIT', 'BALANCE PAYMENT', '/RFB/', 'ORDER NO.', 'PROFORMA']);
  const text = `${prefix} ${orderNos.map((no) => formatOne(rng, no)).join(rng.pick([' ', ', ', ' + ', ' AND ']))}`;
  if (!rng.chance(0.6)) return { remittanceInfo: text, references: [] };
  const width = rng.int(14, 35);
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return { remittanceInfo: lines.join('\n'), references: [] };
}

export function targetsOf(order: CandidateOrder): bigint[] {
  const out: bigint[] = [];
  let run = 0n;
  for (const m of order.milestones) {
    const due = toMinorUnits(m.amount, order.currency) - toMinorUnits(m.paidAmount, order.currency);
    if (due > 0n) out.push((run += due));
  }
  return out;
}

export interface Pay {
  net: bigint;
  gross: bigint | null;
  bearer: 'OUR' | 'SHA' | 'BEN' | null;
}

/** DOMAIN §3 tolerance, restated independently for the labels. */
export function tolerance(world: World, target: bigint): bigint {
  const cap = 50n * 10n ** BigInt(world.digits);
  return target / 100n < cap ? target / 100n : cap;
}

function settles(world: World, sum: bigint, pay: Pay): boolean {
  if (pay.gross !== null && pay.gross !== pay.net) return sum === pay.gross && pay.bearer !== 'OUR' && pay.gross - pay.net <= tolerance(world, sum);
  if (sum === pay.net) return true;
  return pay.gross === null && pay.bearer !== 'OUR' && sum > pay.net && sum - pay.net <= tolerance(world, sum);
}

/** Brute force: how many combinations of these orders (each nothing or one prefix target) settle the payment. */
export function countSettling(world: World, orders: CandidateOrder[], pay: Pay): number {
  let count = 0;
  const walk = (i: number, sum: bigint, used: number) => {
    if (i === orders.length) {
      if (used > 0 && settles(world, sum, pay)) count++;
      return;
    }
    walk(i + 1, sum, used);
    for (const t of targetsOf(orders[i])) walk(i + 1, sum + t, used + 1);
  };
  walk(0, 0n, 0);
  return count;
}

/** Allocations by the documented convention: targets, a shortfall taken off the largest (first order number on ties). */
export function allocate(world: World, parts: Array<{ orderNo: string; target: bigint }>, net: bigint): Allocation[] {
  const sorted = [...parts].sort((a, b) => (a.orderNo < b.orderNo ? -1 : 1));
  const amounts = sorted.map((p) => p.target);
  const diff = net - amounts.reduce((s, a) => s + a, 0n);
  if (diff < 0n) amounts[amounts.reduce((best, a, i) => (a > amounts[best] ? i : best), 0)] += diff;
  else amounts[amounts.length - 1] += diff;
  return sorted.map((p, i) => ({ orderNo: p.orderNo, amount: fromMinorUnits(amounts[i], world.currency) }));
}

export function remit(world: World, rng: Rng, o: { pay: Pay; payerName: string | null; account?: string | null; after: CandidateOrder[]; valueDate?: string } & Partial<CanonicalRemittance>): CanonicalRemittance {
  const { pay, payerName, account, after, ...rest } = o;
  const latest = after.map((x) => x.createdDate).sort().pop() ?? '2026-01-05';
  const fmt = (v: bigint) => fromMinorUnits(v, world.currency);
  return {
    source: rng.pick(['mt103', 'camt054', 'csv'] as const),
    messageRef: `REF${rng.int(100000, 999999)}`,
    uetr: null,
    endToEndId: null,
    senderBic: null,
    valueDate: addDays(latest, rng.int(0, 40)),
    currency: world.currency,
    amount: fmt(pay.net),
    instructedAmount: pay.gross === null ? null : { currency: world.currency, amount: fmt(pay.gross) },
    chargeBearer: pay.bearer,
    chargesDeducted: pay.gross !== null && pay.gross > pay.net && rng.chance(0.5) ? [{ currency: world.currency, amount: fmt(pay.gross - pay.net) }] : [],
    payer: { name: payerName, account: account ?? null, address: [], bic: null },
    beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: 'VA88000012345' },
    remittanceInfo: null,
    references: [],
    relatedReference: null,
    possibleDuplicate: false,
    ...rest,
  };
}
