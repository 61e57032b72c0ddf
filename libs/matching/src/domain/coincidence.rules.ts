/**
 * How often chance alone would make an amount fit a buyer's open orders (README "Coincidences").
 * An amount-only AUTO (no order reference, no payment id) rests on the amount being the buyer's
 * intent; with many open orders, or small ones, some combination fits almost any amount.
 *
 * Model: a payment the buyer did not mean for these orders is an amount drawn uniformly over the
 * range where such sums lie, to the minor unit. Among `n` open orders, each settling one of `o_i`
 * prefixes (deposit, deposit + balance), there are N_j = e_j(o_1..o_n) combinations of j orders
 * (the elementary symmetric polynomial of the option counts); their sums spread over S_j minor
 * units (largest possible j-sum minus smallest, and at least the payment itself: an amount of that
 * size). A fit is exact (the charge tolerance never widens an amount-only fit unless the message
 * shows the charges, and then the gross must be exact), so the expected number of coincidental fits
 * of at most k orders is E_k = sum over j <= k of N_j / S_j. The search tries every combination of up
 * to 3 orders, so AUTO needs E_3 < 1/1000 (and the one combination found to have at most 3 orders).
 * Exact arithmetic: bigint fractions, no floating point.
 */
export const COINCIDENCE_LIMIT = { numerator: 1n, denominator: 1000n } as const;

/** Combinations of more orders than this are never an AUTO on the amount alone. */
export const MAX_AMOUNT_ONLY_ORDERS = 3;

export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** E_k for orders given by their options (minor units), up to `size` orders, for a payment of `payment` minor units. */
export function expectedCoincidences(optionsPerOrder: bigint[][], size: number, payment: bigint): Fraction {
  const orders = optionsPerOrder.map((o) => o.filter((v) => v > 0n)).filter((o) => o.length > 0);
  const k = Math.min(size, orders.length);
  // e_j of the option counts, by the usual recurrence (largest j first so each order counts once).
  const counts: bigint[] = [1n, ...new Array<bigint>(k).fill(0n)];
  for (const o of orders) for (let j = k; j >= 1; j--) counts[j] += counts[j - 1] * BigInt(o.length);
  const maxima = orders.map((o) => o.reduce((m, v) => (v > m ? v : m))).sort(descending);
  const minima = orders.map((o) => o.reduce((m, v) => (v < m ? v : m))).sort(ascending);
  let result: Fraction = { numerator: 0n, denominator: 1n };
  let high = 0n;
  let low = 0n;
  for (let j = 1; j <= k; j++) {
    high += maxima[j - 1];
    low += minima[j - 1];
    const spread = high - low > payment ? high - low : payment > 0n ? payment : 1n;
    result = { numerator: result.numerator * spread + counts[j] * result.denominator, denominator: result.denominator * spread };
  }
  return result;
}

/** E at or above the limit: the fit could well be chance. */
export function isLikelyCoincidence(expected: Fraction): boolean {
  return expected.numerator * COINCIDENCE_LIMIT.denominator >= expected.denominator * COINCIDENCE_LIMIT.numerator;
}

/** E as a decimal string with 6 digits, for the decision's explanation. */
export function formatExpected(expected: Fraction): string {
  const scaled = (expected.numerator * 1_000_000n) / expected.denominator;
  const whole = scaled / 1_000_000n;
  return `${whole}.${(scaled % 1_000_000n).toString().padStart(6, '0')}`;
}

function descending(a: bigint, b: bigint): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function ascending(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
