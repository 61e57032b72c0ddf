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

  it('a buyer with 6, 20, 50 or 200 open orders of USD 5,000 and up (deposit or all), up to 3 orders: safe only with few', () => {
    const orders = (n: number, step: bigint) => Array.from({ length: n }, (_, i) => [(500_000n + BigInt(i) * step) * 3n / 10n, 500_000n + BigInt(i) * step]);
    const e3 = (n: number, step: bigint) => expectedCoincidences(orders(n, step), 3, 500_000n);
    expect(formatExpected(e3(6, 200_000n))).toBe('0.000082');
    expect(isLikelyCoincidence(e3(6, 200_000n))).toBe(false);
    expect(formatExpected(e3(20, 50_000n))).toBe('0.002792');
    expect(isLikelyCoincidence(e3(20, 50_000n))).toBe(true);
    expect(formatExpected(e3(50, 20_000n))).toBe('0.042017');
    expect(formatExpected(e3(200, 5_025n))).toBe('2.636883');
  });

  it('counts combinations exactly: e_j of the option counts', () => {
    // 3 orders with 2, 1, 1 options: pairs = 2*1 + 2*1 + 1*1 = 5; spread floors at the payment (1,000).
    const e = expectedCoincidences([[100n, 300n], [200n], [250n]], 2, 1000n);
    // E = 4/1000 + 5/1000 (S_1 = S_2 = 1000, the payment)
    expect(e.numerator * 1000n).toBe(9n * e.denominator);
  });
});
