import { createHash } from 'node:crypto';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { dec, type Dec, minorDigits } from '@ereceipt/money';

/**
 * The fingerprint of a wire when no UETR or EndToEndId ties two notifications together:
 * sender BIC, reference, value date, amount and currency (issue #3).
 */
export function remittanceFingerprint(r: CanonicalRemittance): string {
  const parts = [r.senderBic ?? '', r.messageRef.trim().toUpperCase(), r.valueDate, r.currency, r.amount];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

interface MoneyValue {
  currency: string;
  amount: string;
}

/** What two notifications of one wire must agree on: the money, and what the chain says it charged. */
export type WireMoney = Pick<CanonicalRemittance, 'currency' | 'amount' | 'instructedAmount' | 'chargeBearer' | 'chargesDeducted'>;

/**
 * Whether two notifications carrying the same identifier (UETR) can be the same credit (issue #16):
 * - the same currency and amount;
 * - the same currency, the amounts apart by no more than the charges that explain it: the lower one
 *   lists deducted charges (71F, camt `Chrgs`) covering the gap, or its instructed amount (33B,
 *   `InstdAmt`) minus its amount covers it (SHA/BEN), or the higher one's instructed amount is the
 *   lower amount (OUR: the sender added the receiver's charges, 71G); 33B alone explains a gap only
 *   when the lower one states no charges (when it does, they are the explanation);
 * - another currency only when the instructed amount (33B) ties them: both instruct the same money,
 *   or one instructs exactly what the other carries (converted along the chain).
 * Two instructed amounts that differ are two payments. Anything else is an identity conflict: a
 * reused UETR with other money, which a person must see; it is never a copy.
 */
export type MoneyAgreement = { agrees: true; charge: MoneyValue | null; note: string | null } | { agrees: false; reason: string };

export function compareWireMoney(stored: WireMoney, incoming: WireMoney): MoneyAgreement {
  const same = (a: MoneyValue | null, b: MoneyValue | null) => !!a && !!b && a.currency === b.currency && dec(a.amount).equals(dec(b.amount));
  const own = (w: WireMoney): MoneyValue => ({ currency: w.currency, amount: w.amount });
  if (stored.instructedAmount && incoming.instructedAmount && !same(stored.instructedAmount, incoming.instructedAmount)) {
    return { agrees: false, reason: `instructed amounts differ (33B): ${show(stored.instructedAmount)} stored, ${show(incoming.instructedAmount)} now` };
  }
  if (stored.currency !== incoming.currency) {
    if (same(stored.instructedAmount, incoming.instructedAmount) || same(stored.instructedAmount, own(incoming)) || same(incoming.instructedAmount, own(stored))) {
      return { agrees: true, charge: null, note: `converted along the chain: ${show(own(stored))} and ${show(own(incoming))} for one instructed amount (33B)` };
    }
    return { agrees: false, reason: `currency differs: ${show(own(stored))} stored, ${show(own(incoming))} now` };
  }
  const currency = stored.currency;
  const a = dec(stored.amount);
  const b = dec(incoming.amount);
  if (a.equals(b)) return { agrees: true, charge: null, note: null };
  const [lo, hi] = a.lessThan(b) ? [stored, incoming] : [incoming, stored];
  const gap = dec(hi.amount).minus(dec(lo.amount));
  const listed = lo.chargesDeducted.filter((c) => c.currency === currency).reduce<Dec>((sum, c) => sum.plus(dec(c.amount)), dec('0'));
  const charge = { currency, amount: fixed(gap, currency) };
  const stated = (by: string) => ({ agrees: true as const, charge, note: `${show(own(stored))} stored, ${show(own(incoming))} now: ${show(charge)} of charges (${by})` });
  if (listed.greaterThanOrEqualTo(gap)) return stated('71F');
  // When the lower one states its charges, they are the explanation; 33B alone only when it states none.
  if (listed.isZero() && lo.chargeBearer !== 'OUR' && lo.instructedAmount?.currency === currency && dec(lo.instructedAmount.amount).greaterThanOrEqualTo(dec(hi.amount))) return stated('33B');
  if (hi.instructedAmount?.currency === currency && dec(hi.instructedAmount.amount).equals(dec(lo.amount))) return stated('33B, 71G');
  return {
    agrees: false,
    reason: `amount differs by ${show(charge)} (${show(own(stored))} stored, ${show(own(incoming))} now), beyond the charges stated (${show({ currency, amount: fixed(listed, currency) })})`,
  };
}

/** An earlier wire a new one may be a notification of: found by UETR (rank 0), EndToEndId with the money (1) or fingerprint (2). */
export interface IdentityCandidate {
  id: string;
  rank: 0 | 1 | 2;
  /** Null for an original; else the original whose UETR this conflict reuses. */
  conflictsWith: string | null;
  money: WireMoney;
}

export type Identity =
  | { kind: 'original' }
  | { kind: 'duplicate'; of: string; charge: MoneyValue | null; note: string | null }
  | { kind: 'conflict'; with: string; reason: string };

/**
 * A new wire is a copy of the first candidate (by rank, originals before conflicts) whose money
 * agrees; else, when it shares a UETR with stored wires, an identity conflict with their original;
 * else an original.
 */
export function identityOf(wire: WireMoney, candidates: IdentityCandidate[]): Identity {
  const ordered = [...candidates].sort((x, y) => x.rank - y.rank || Number(x.conflictsWith !== null) - Number(y.conflictsWith !== null));
  let firstDisagreement: { with: string; reason: string } | null = null;
  for (const c of ordered) {
    const agreement = compareWireMoney(c.money, wire);
    if (agreement.agrees) return { kind: 'duplicate', of: c.id, charge: agreement.charge, note: agreement.note };
    if (c.rank === 0 && !firstDisagreement) firstDisagreement = { with: c.conflictsWith ?? c.id, reason: `UETR reused with other money: ${agreement.reason}` };
  }
  return firstDisagreement ? { kind: 'conflict', ...firstDisagreement } : { kind: 'original' };
}

function fixed(value: Dec, currency: string): string {
  return value.toFixed(minorDigits(currency) ?? 2);
}

function show(m: MoneyValue): string {
  return `${m.currency} ${fixed(dec(m.amount), m.currency)}`;
}
