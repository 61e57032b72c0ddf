import Decimal from 'decimal.js';
import fc from 'fast-check';
import { addAmounts, compareAmounts, convert, fromMinorUnits, isBoundedAmount, isValidAmount, minorDigits, toAmount, toMinorUnits, wholeDigits } from '@ereceipt/money';

describe('money', () => {
  it('knows ISO 4217 minor digits', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('XXY')).toBeUndefined();
    expect(minorDigits('usd')).toBeUndefined();
  });

  it('normalises to the currency digits and refuses extra precision', () => {
    expect(toAmount('10.5', 'USD')).toBe('10.50');
    expect(toAmount('1000', 'JPY')).toBe('1000');
    expect(toAmount('1.5', 'KWD')).toBe('1.500');
    expect(toAmount('10.000', 'USD')).toBe('10.00');
    expect(() => toAmount('10.001', 'USD')).toThrow('more decimals');
    expect(() => toAmount('1.5', 'JPY')).toThrow('more decimals');
    expect(() => toAmount('1e3', 'USD')).toThrow('not a plain decimal');
  });

  it('adds exactly where binary floats do not', () => {
    expect(addAmounts('USD', '0.10', '0.20')).toBe('0.30');
    expect(addAmounts('USD', '1860.00', '4340.00')).toBe('6200.00');
    expect(compareAmounts('9985.00', '10000')).toBe(-1);
  });

  it('round-trips minor units', () => {
    expect(toMinorUnits('12.34', 'USD')).toBe(1234n);
    expect(fromMinorUnits(1500n, 'KWD')).toBe('1.500');
    expect(toMinorUnits('99999999999999999.99', 'USD')).toBe(9999999999999999999n);
  });

  it('reads minor units from the digits exactly as decimal.js does, with the same refusals (property)', () => {
    const reference = (value: string, currency: string): bigint => {
      const digits = minorDigits(currency) ?? 0;
      return BigInt(new Decimal(toAmount(value, currency)).times(new Decimal(10).pow(digits)).toFixed(0));
    };
    const amount = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{0,5}$/), { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(amount, fc.constantFrom('USD', 'JPY', 'KWD'), (value, currency) => {
        let expected: bigint | string;
        try {
          expected = reference(value, currency);
        } catch (e) {
          expected = (e as { code?: string }).code ?? 'error';
        }
        let actual: bigint | string;
        try {
          actual = toMinorUnits(value, currency);
        } catch (e) {
          actual = (e as { code?: string }).code ?? 'error';
        }
        expect(actual).toBe(expected);
      }),
      { seed: 15, numRuns: 5_000 },
    );
  });

  it('validates amounts as written', () => {
    expect(isValidAmount('10.00', 'USD')).toBe(true);
    expect(isValidAmount('10.001', 'USD')).toBe(false);
    expect(isValidAmount('10', 'JPY')).toBe(true);
    expect(isValidAmount('1,00', 'USD')).toBe(false);
  });

  it('converts with a decimal rate, half-even', () => {
    expect(convert('100.00', '7.12345', 'CNY')).toBe('712.34'); // 712.345: tie goes to the even digit
    expect(convert('100.00', '7.12355', 'CNY')).toBe('712.36');
    expect(convert('0.125', '1', 'USD')).toBe('0.12');
  });
});

describe('amount strings written over HTTP are bounded (issue 16 item 6)', () => {
  it.each(['0', '12.40', '999999999999999', '999999999999999.999999999999', '0.5'])('accepts %p', (v) => expect(isBoundedAmount(v)).toBe(true));

  it.each(['1000000000000000', '9'.repeat(400), '1e5', '1E+400', '-1.00', '+1.00', ' 1.00', '1,000.00', '1.', '.5', '1.0000000000000', 'Infinity', 'NaN', '0x10', ''])('refuses %p', (v) => expect(isBoundedAmount(v)).toBe(false));

  it('refuses anything that is not a string', () => {
    for (const v of [12.4, 1e308, null, undefined, ['1'], { amount: '1' }]) expect(isBoundedAmount(v)).toBe(false);
  });

  it('agrees with counting the digits of generated decimals (fast-check)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 14 }), (whole, decimals) => {
        const text = decimals === 0 ? whole.toString() : `${whole}.${'7'.repeat(decimals)}`;
        expect(isBoundedAmount(text)).toBe(whole.toString().length <= 15 && decimals <= 12);
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  it('counts whole digits without leading zeros', () => {
    expect([wholeDigits('0012.40'), wholeDigits('0.01'), wholeDigits('-123.4'), wholeDigits('1000000000000000')]).toEqual([2, 0, 3, 16]);
  });
});
