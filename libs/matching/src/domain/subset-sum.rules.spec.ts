import fc from 'fast-check';
import { DEFAULT_SUBSET_LIMITS, findCombinations, type SubsetItem, type SubsetPart } from './subset-sum.rules';

const exactly = (target: bigint) => ({ bounds: { lower: target, upper: target }, accept: (s: bigint) => s === target });
/** Forces the k-sum search (the one used above `exhaustiveItems` items) on a small world. */
const K_SUM = { ...DEFAULT_SUBSET_LIMITS, exhaustiveItems: 0 };

/** Every way of picking, per item, nothing or one option: the reference the searches are checked against. */
function bruteForce(items: SubsetItem[], accept: (sum: bigint) => boolean, maxSize: number): SubsetPart[][] {
  const out: SubsetPart[][] = [];
  const walk = (i: number, chosen: SubsetPart[], sum: bigint) => {
    if (chosen.length > maxSize) return;
    if (i === items.length) {
      if (chosen.length > 0 && accept(sum)) out.push([...chosen].sort((a, b) => (a.id < b.id ? -1 : 1)));
      return;
    }
    for (const value of new Set(items[i].options.filter((o) => o > 0n))) walk(i + 1, [...chosen, { id: items[i].id, value }], sum + value);
    if (!items[i].required) walk(i + 1, chosen, sum);
  };
  walk(0, [], 0n);
  return out;
}

const key = (s: SubsetPart[]) => s.map((p) => `${p.id}=${p.value}`).join('|');

describe('subset search', () => {
  it('finds the only combination, each item contributing one of its options', () => {
    const { bounds, accept } = exactly(900n);
    const items = [
      { id: 'A', options: [300n, 1000n] },
      { id: 'B', options: [600n] },
      { id: 'C', options: [250n] },
    ];
    const expected = { status: 'OK', solutions: [[{ id: 'A', value: 300n }, { id: 'B', value: 600n }]] };
    expect(findCombinations(items, bounds, accept)).toEqual(expected);
    expect(findCombinations(items, bounds, accept, K_SUM)).toEqual(expected);
  });

  it('reports every combination when several fit (smallest first), and honours required items', () => {
    const { bounds, accept } = exactly(1000n);
    const items = [
      { id: 'A', options: [1000n] },
      { id: 'B', options: [400n] },
      { id: 'C', options: [600n] },
    ];
    for (const limits of [DEFAULT_SUBSET_LIMITS, K_SUM]) {
      expect(findCombinations(items, bounds, accept, limits).solutions).toEqual([[{ id: 'A', value: 1000n }], [{ id: 'B', value: 400n }, { id: 'C', value: 600n }]]);
      expect(findCombinations(items.map((i) => ({ ...i, required: i.id === 'B' })), bounds, accept, limits).solutions).toEqual([
        [{ id: 'B', value: 400n }, { id: 'C', value: 600n }],
      ]);
    }
  });

  it('stays exact among hundreds of orders of one buyer: the one triple that fits, and proof that a second exists', () => {
    // 300 orders with scattered amounts (a fixed LCG); only O007 + O123 + O250 add up to the target.
    let seed = 20n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n) % 10n ** 12n;
    const items = Array.from({ length: 300 }, (_, i) => ({ id: `O${String(i).padStart(3, '0')}`, options: [10n ** 6n + next()] }));
    const target = items[7].options[0] + items[123].options[0] + items[250].options[0];
    const only = findCombinations(items, exactly(target).bounds, exactly(target).accept);
    expect(only).toEqual({ status: 'OK', solutions: [[items[7], items[123], items[250]].map((i) => ({ id: i.id, value: i.options[0] }))] });
    // An arithmetic progression: O010 + O020 = O000 + O030 = ... several pairs (and larger sets) share the sum.
    const even = Array.from({ length: 300 }, (_, i) => ({ id: `E${String(i).padStart(3, '0')}`, options: [1_000_000n + BigInt(i) * 1_000_003n] }));
    const plain = exactly(even[10].options[0] + even[20].options[0]);
    const several = findCombinations(even, plain.bounds, plain.accept);
    expect(several.status).toBe('OK');
    expect(several.solutions.length).toBeGreaterThanOrEqual(2);
  });

  it('answers LIMIT past its work budget instead of guessing', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `O${i}`, options: [100n + BigInt(i)] }));
    const wide = { lower: 0n, upper: 10n ** 9n };
    expect(findCombinations(many, wide, () => false, { ...DEFAULT_SUBSET_LIMITS, maxSteps: 1000 }).status).toBe('LIMIT');
  });

  it('finds exactly what brute force finds, on random small worlds (both searches)', () => {
    const world = fc.record({
      items: fc.array(fc.array(fc.bigInt({ min: 1n, max: 40n }), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 7 }),
      target: fc.bigInt({ min: 1n, max: 120n }),
      band: fc.bigInt({ min: 0n, max: 3n }),
      required: fc.option(fc.nat(6), { nil: null }),
    });
    fc.assert(
      fc.property(world, ({ items: raw, target, band, required }) => {
        const items = raw.map((options, i) => ({ id: `O${i}`, options, required: required === i }));
        const bounds = { lower: target, upper: target + band };
        const accept = (s: bigint) => s >= bounds.lower && s <= bounds.upper;
        for (const limits of [DEFAULT_SUBSET_LIMITS, K_SUM]) {
          const maxSize = limits === K_SUM ? limits.maxSize : items.length;
          const expected = bruteForce(items, accept, maxSize).map(key).sort();
          const result = findCombinations(items, bounds, accept, { ...limits, maxSolutions: 1000 });
          expect(result.status).toBe('OK');
          expect(result.solutions.map(key).sort()).toEqual(expected);
          // With the usual cap it stops early, but only ever on real solutions.
          const capped = findCombinations(items, bounds, accept, limits);
          expect(capped.solutions.length).toBe(Math.min(expected.length, limits.maxSolutions));
          for (const s of capped.solutions) expect(expected).toContain(key(s));
        }
      }),
      { numRuns: 400, seed: 20 },
    );
  });

  it('is deterministic: the same items in any order give the same answer', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `O${String(i).padStart(2, '0')}`, options: [BigInt(100 + (i % 7) * 10), BigInt(300 + i)] }));
    const { bounds, accept } = exactly(450n);
    const a = findCombinations(items, bounds, accept);
    const b = findCombinations([...items].reverse(), bounds, accept);
    expect(b).toEqual(a);
  });
});
