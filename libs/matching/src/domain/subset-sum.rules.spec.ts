import { findCombinations } from './subset-sum.rules';

const exactly = (target: bigint) => ({ bounds: { lower: target, upper: target }, accept: (s: bigint) => s === target });

describe('bounded exhaustive subset-sum', () => {
  it('finds the only combination, each item contributing one of its options', () => {
    const { bounds, accept } = exactly(900n);
    const items = [
      { id: 'A', options: [300n, 1000n] },
      { id: 'B', options: [600n] },
      { id: 'C', options: [250n] },
    ];
    expect(findCombinations(items, bounds, accept)).toEqual({ status: 'OK', solutions: [[{ id: 'A', value: 300n }, { id: 'B', value: 600n }]] });
  });

  it('reports every combination when several fit, and honours required items', () => {
    const { bounds, accept } = exactly(1000n);
    const items = [
      { id: 'A', options: [1000n] },
      { id: 'B', options: [400n] },
      { id: 'C', options: [600n] },
    ];
    expect(findCombinations(items, bounds, accept).solutions).toHaveLength(2);
    expect(findCombinations(items.map((i) => ({ ...i, required: i.id === 'B' })), bounds, accept).solutions).toEqual([
      [{ id: 'B', value: 400n }, { id: 'C', value: 600n }],
    ]);
  });

  it('answers LIMIT past the item or node cap instead of guessing', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `O${i}`, options: [100n] }));
    const { bounds, accept } = exactly(1000n);
    expect(findCombinations(many, bounds, accept).status).toBe('LIMIT');
    const twenty = many.slice(0, 20).map((item, i) => ({ ...item, options: [100n + BigInt(i)] }));
    expect(findCombinations(twenty, { lower: 0n, upper: 10n ** 9n }, () => false, { maxItems: 20, maxNodes: 1000, maxSolutions: 5 }).status).toBe('LIMIT');
  });

  it('proves ambiguity over 20 orders within 2^20 nodes', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ id: `O${String(i).padStart(2, '0')}`, options: [BigInt(1000 + 7 * i)] }));
    const target = 1000n + 1007n + 1014n;
    const result = findCombinations(twenty, exactly(target).bounds, exactly(target).accept);
    expect(result.status).toBe('OK');
    expect(result.solutions.length).toBeGreaterThanOrEqual(1);
  });
});
