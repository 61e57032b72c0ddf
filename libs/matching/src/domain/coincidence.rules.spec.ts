import { expectedCoincidences, formatExpected, isLikelyCoincidence } from './coincidence.rules';

const usd = (units: number) => BigInt(Math.round(units * 100));

describe('expected coincidental fits on the amount alone', () => {
  it('one order of USD 100.00: 1 in 10,000, an AUTO', () => {
    const e = expectedCoincidences([[usd(100)]], 1, usd(100));
    expect(formatExpected(e)).toBe('0.000100');
    expect(isLikelyCoincidence(e)).toBe(false);
  });

  it('a small payment fits by chance too often: USD 5.00', () => {
    expect(isLikelyCoincidence(expectedCoincidences([[usd(5)]], 1, usd(5)))).toBe(true);
  });

  it('21 orders of USD 100-120 and a pair: about 1 in 87', () => {
    const orders = Array.from({ length: 21 }, (_, i) => [usd(100 + i)]);
    const e = expectedCoincidences(orders, 2, usd(201));
    expect(formatExpected(e)).toBe('0.011492');
    expect(isLikelyCoincidence(e)).toBe(true);
  });

  it('200 open orders of USD 5,000-15,000 with a deposit each: one order is safe, a pair is not', () => {
    const orders = Array.from({ length: 200 }, (_, i) => {
      const total = 500_000n + BigInt(i) * 5_025n; // USD 5,000.00 .. 14,999.75
      return [(total * 3n) / 10n, total]; // a 30 % deposit, or everything
    });
    const single = expectedCoincidences(orders, 1, 1_000_000n);
    expect(isLikelyCoincidence(single)).toBe(false);
    expect(formatExpected(single)).toBe('0.000296'); // 400 options over USD 13,499.75
    const pair = expectedCoincidences(orders, 2, 2_000_000n);
    expect(isLikelyCoincidence(pair)).toBe(true);
  });

  it('counts combinations exactly: e_j of the option counts', () => {
    // 3 orders with 2, 1, 1 options: pairs = 2*1 + 2*1 + 1*1 = 5; spread floors at the payment (1,000).
    const e = expectedCoincidences([[100n, 300n], [200n], [250n]], 2, 1000n);
    // E = 4/1000 + 5/1000 (S_1 = S_2 = 1000, the payment)
    expect(e.numerator * 1000n).toBe(9n * e.denominator);
  });
});
