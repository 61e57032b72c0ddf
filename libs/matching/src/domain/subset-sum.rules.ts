/**
 * Exact search for the combinations of orders whose amounts due add up to a payment (research
 * §7.4: auto-apply only when exactly one combination exists). Each item contributes nothing or one
 * of its options (an order's prefix targets: deposit, deposit+balance); a required item must
 * contribute. Amounts are bigint minor units, all positive.
 *
 * Two exact searches, chosen by the number of items:
 * - up to `exhaustiveItems` items: depth-first over every subset (any size), pruned by bounds;
 * - above: every combination of at most `maxSize` items, by sorted lookups (k-sum): singles by
 *   binary search, pairs by a lookup per entry, triples by a lookup per pair, quadruples by
 *   meeting two sorted lists of pairs in the middle. Combinations larger than `maxSize` among that
 *   many items are not searched (none of them could be an AUTO: README "Coincidences").
 * Both stop at `maxSolutions` (two already prove ambiguity; a few more help the reviewer) and count
 * their steps: past `maxSteps` the answer is LIMIT instead of a guess. Deterministic: entries are
 * visited in a fixed order (value, then id) and solutions are returned smallest first, then by ids.
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
  /** Up to this many items, every subset is searched (any size). */
  exhaustiveItems: number;
  /** Above it, combinations of at most this many items (1..4). */
  maxSize: number;
  maxSolutions: number;
  /** Work budget (visited nodes or looked-up entries) per search. */
  maxSteps: number;
}

export const DEFAULT_SUBSET_LIMITS: SubsetLimits = { exhaustiveItems: 12, maxSize: 4, maxSolutions: 5, maxSteps: 4_000_000 };

export type SubsetResult = { status: 'OK'; solutions: SubsetPart[][] } | { status: 'LIMIT'; solutions: SubsetPart[][] };

interface Bounds {
  lower: bigint;
  upper: bigint;
}

export function findCombinations(items: SubsetItem[], bounds: Bounds, accept: (sum: bigint) => boolean, limits: SubsetLimits = DEFAULT_SUBSET_LIMITS): SubsetResult {
  const clean = items
    .map((item) => ({ ...item, options: [...new Set(item.options.filter((o) => o > 0n))].sort(compareBig) }))
    .filter((item) => item.options.length > 0 || item.required)
    .sort((a, b) => compareIds(a.id, b.id));
  if (clean.some((item) => item.required && item.options.length === 0)) return { status: 'OK', solutions: [] };
  const search = clean.length <= limits.exhaustiveItems ? exhaustive : kSum;
  const found = search(clean, bounds, accept, limits);
  return { status: found.limited ? 'LIMIT' : 'OK', solutions: found.solutions.map(sortParts).sort(compareSolutions) };
}

interface Found {
  solutions: SubsetPart[][];
  limited: boolean;
}

/** Depth-first over every subset: exact for any size. Largest options first prunes sooner. */
function exhaustive(items: SubsetItem[], bounds: Bounds, accept: (sum: bigint) => boolean, limits: SubsetLimits): Found {
  const sorted = [...items]
    .map((item) => ({ ...item, options: [...item.options].reverse() }))
    .sort((a, b) => compareBig(maxOf(b.options), maxOf(a.options)) || compareIds(a.id, b.id));
  const suffixMax: bigint[] = new Array<bigint>(sorted.length + 1).fill(0n);
  for (let i = sorted.length - 1; i >= 0; i--) suffixMax[i] = suffixMax[i + 1] + maxOf(sorted[i].options);
  const solutions: SubsetPart[][] = [];
  const chosen: SubsetPart[] = [];
  let steps = 0;
  let limited = false;
  const visit = (i: number, sum: bigint): void => {
    if (limited || solutions.length >= limits.maxSolutions) return;
    if (++steps > limits.maxSteps) {
      limited = true;
      return;
    }
    if (sum > bounds.upper || sum + suffixMax[i] < bounds.lower) return;
    if (i === sorted.length) {
      if (chosen.length > 0 && accept(sum)) solutions.push([...chosen]);
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
  return { solutions, limited };
}

interface Entry {
  item: number;
  value: bigint;
}

interface Pair {
  lo: number;
  hi: number;
  a: Entry;
  b: Entry;
  sum: bigint;
}

/**
 * Every combination of 1..maxSize distinct items by sorted lookups. With a required item, its
 * options are fixed in turn and the others searched for the rest (sizes 0..maxSize-1).
 */
function kSum(items: SubsetItem[], bounds: Bounds, accept: (sum: bigint) => boolean, limits: SubsetLimits): Found {
  const required = items.findIndex((i) => i.required);
  const solutions: SubsetPart[][] = [];
  const seen = new Set<string>();
  const budget = { steps: 0, limited: false };
  const toParts = (picked: Entry[]) => picked.map((e) => ({ id: items[e.item].id, value: e.value }));
  const record = (picked: Entry[]): boolean => {
    const parts = sortParts(toParts(picked));
    const key = parts.map((p) => `${p.id}=${p.value}`).join('|');
    if (!seen.has(key)) {
      seen.add(key);
      solutions.push(parts);
    }
    return solutions.length >= limits.maxSolutions;
  };
  if (required < 0) {
    const entries = entriesOf(items, -1);
    searchSizes(entries, 1, limits.maxSize, bounds, accept, budget, limits, (picked) => record(picked));
  } else {
    const others = entriesOf(items, required);
    for (const value of items[required].options) {
      const fixed: Entry = { item: required, value };
      const shifted = { lower: bounds.lower - value, upper: bounds.upper - value };
      const stop = searchSizes(others, 0, limits.maxSize - 1, shifted, (sum) => accept(sum + value), budget, limits, (picked) => record([fixed, ...picked]));
      if (stop) break;
    }
  }
  return { solutions, limited: budget.limited };
}

function entriesOf(items: SubsetItem[], except: number): Entry[] {
  const entries: Entry[] = [];
  items.forEach((item, index) => {
    if (index !== except) for (const value of item.options) entries.push({ item: index, value });
  });
  return entries.sort((a, b) => compareBig(a.value, b.value) || a.item - b.item);
}

/** Calls `found` for each combination of `from..to` entries of distinct items in bounds; true = stop. */
function searchSizes(
  entries: Entry[],
  from: number,
  to: number,
  bounds: Bounds,
  accept: (sum: bigint) => boolean,
  budget: { steps: number; limited: boolean },
  limits: SubsetLimits,
  found: (picked: Entry[]) => boolean,
): boolean {
  const step = (n = 1): boolean => {
    budget.steps += n;
    if (budget.steps > limits.maxSteps) budget.limited = true;
    return budget.limited;
  };
  const inRange = (low: bigint, high: bigint, minItem: number, each: (e: Entry) => boolean): boolean => {
    for (let i = lowerBound(entries, (e) => e.value, low); i < entries.length && entries[i].value <= high; i++) {
      if (step()) return true;
      if (entries[i].item > minItem && each(entries[i])) return true;
    }
    return false;
  };
  const hit = (picked: Entry[], sum: bigint): boolean => accept(sum) && found(picked);

  if (from === 0 && to >= 0 && bounds.lower <= 0n && bounds.upper >= 0n && hit([], 0n)) return true;
  if (from <= 1 && to >= 1) {
    if (inRange(bounds.lower, bounds.upper, -1, (e) => hit([e], e.value))) return true;
  }
  if (from <= 2 && to >= 2) {
    for (const a of entries) {
      if (a.value >= bounds.upper) break;
      if (step()) return true;
      if (inRange(bounds.lower - a.value, bounds.upper - a.value, a.item, (b) => hit([a, b], a.value + b.value))) return true;
    }
  }
  if (from <= 3 && to >= 3) {
    for (const a of entries) {
      if (a.value >= bounds.upper) break;
      for (const b of entries) {
        if (a.value + b.value >= bounds.upper) break;
        if (b.item <= a.item) continue;
        if (step()) return true;
        const ab = a.value + b.value;
        if (inRange(bounds.lower - ab, bounds.upper - ab, b.item, (c) => hit([a, b, c], ab + c.value))) return true;
      }
    }
  }
  if (from <= 4 && to >= 4) {
    const pairs: Pair[] = [];
    for (const a of entries) {
      if (a.value >= bounds.upper) break;
      for (const b of entries) {
        if (a.value + b.value >= bounds.upper) break;
        if (b.item === a.item) continue;
        if (step()) return true;
        const [x, y] = a.item < b.item ? [a, b] : [b, a];
        if (a.item < b.item) pairs.push({ lo: x.item, hi: y.item, a: x, b: y, sum: x.value + y.value });
      }
    }
    pairs.sort((p, q) => compareBig(p.sum, q.sum) || p.lo - q.lo || p.hi - q.hi || compareBig(p.a.value, q.a.value) || compareBig(p.b.value, q.b.value));
    if (step(pairs.length)) return true;
    // Each set {w < x < y < z} is met once: its two lowest items as the first pair, its two highest as the second.
    for (const first of pairs) {
      const low = bounds.lower - first.sum;
      const high = bounds.upper - first.sum;
      for (let i = lowerBound(pairs, (p) => p.sum, low); i < pairs.length && pairs[i].sum <= high; i++) {
        if (step()) return true;
        const second = pairs[i];
        if (second.lo > first.hi && hit([first.a, first.b, second.a, second.b], first.sum + second.sum)) return true;
      }
    }
  }
  return false;
}

/** First index whose value is at least `value` (the list sorted by `valueOf`). */
function lowerBound<T>(sorted: T[], valueOf: (t: T) => bigint, value: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (valueOf(sorted[mid]) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortParts(parts: SubsetPart[]): SubsetPart[] {
  return [...parts].sort((a, b) => compareIds(a.id, b.id));
}

/** Smallest combinations first, then by their ids and values. */
function compareSolutions(a: SubsetPart[], b: SubsetPart[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const c = compareIds(a[i].id, b[i].id) || compareBig(a[i].value, b[i].value);
    if (c !== 0) return c;
  }
  return 0;
}

function maxOf(values: bigint[]): bigint {
  return values.reduce((m, v) => (v > m ? v : m), 0n);
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
