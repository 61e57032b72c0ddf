/**
 * Bounded exhaustive search for the combinations of orders whose amounts due add up to a payment
 * (research §7.4: auto-apply only when exactly one combination exists). Each item contributes
 * nothing or one of its options (an order's prefix targets: deposit, deposit+balance); a required
 * item must contribute. Amounts are bigint minor units, all positive.
 *
 * The search is exhaustive up to `maxItems` items and `maxNodes` visited nodes; past either it
 * answers LIMIT instead of guessing. It stops early once `maxSolutions` are found (two already
 * prove ambiguity; a few more help the reviewer).
 */
export interface SubsetItem {
  id: string;
  options: bigint[];
  required?: boolean;
}

export interface SubsetPart {
  id: string;
  value: bigint;
}

export interface SubsetLimits {
  maxItems: number;
  maxNodes: number;
  maxSolutions: number;
}

export const DEFAULT_SUBSET_LIMITS: SubsetLimits = { maxItems: 20, maxNodes: 2 ** 20, maxSolutions: 5 };

export type SubsetResult = { status: 'OK'; solutions: SubsetPart[][] } | { status: 'LIMIT'; solutions: SubsetPart[][] };

export function findCombinations(
  items: SubsetItem[],
  bounds: { lower: bigint; upper: bigint },
  accept: (sum: bigint) => boolean,
  limits: SubsetLimits = DEFAULT_SUBSET_LIMITS,
): SubsetResult {
  if (items.length > limits.maxItems) return { status: 'LIMIT', solutions: [] };
  // Stable order: largest options first prunes sooner; ties by id keep it deterministic.
  const sorted = [...items]
    .map((item) => ({ ...item, options: [...item.options].filter((o) => o > 0n).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)) }))
    .sort((a, b) => compareBig(maxOf(b.options), maxOf(a.options)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const suffixMax: bigint[] = new Array<bigint>(sorted.length + 1).fill(0n);
  for (let i = sorted.length - 1; i >= 0; i--) suffixMax[i] = suffixMax[i + 1] + maxOf(sorted[i].options);

  const solutions: SubsetPart[][] = [];
  const chosen: SubsetPart[] = [];
  let nodes = 0;
  let limited = false;

  const visit = (i: number, sum: bigint): void => {
    if (limited || solutions.length >= limits.maxSolutions) return;
    if (++nodes > limits.maxNodes) {
      limited = true;
      return;
    }
    if (sum > bounds.upper || sum + suffixMax[i] < bounds.lower) return;
    if (i === sorted.length) {
      if (chosen.length > 0 && accept(sum)) solutions.push([...chosen].sort((a, b) => (a.id < b.id ? -1 : 1)));
      return;
    }
    const item = sorted[i];
    for (const value of item.options) {
      chosen.push({ id: item.id, value });
      visit(i + 1, sum + value);
      chosen.pop();
    }
    if (!item.required) visit(i + 1, sum);
  };
  visit(0, 0n);
  return { status: limited ? 'LIMIT' : 'OK', solutions };
}

function maxOf(values: bigint[]): bigint {
  return values.reduce((m, v) => (v > m ? v : m), 0n);
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
