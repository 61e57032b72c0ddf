import { decideApplication, validateApplication, type SellerApplicationInput } from './seller.rules';
import { isVirtualAccountNumber, luhnCheckDigit, virtualAccountNumber } from './virtual-account.rules';

const application: SellerApplicationInput = { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@example.cn' };

describe('seller application', () => {
  it('defaults the settlement currency to CNY', () => {
    expect(validateApplication(application)).toMatchObject({ settlementCurrency: 'CNY', currencies: ['USD', 'EUR'] });
  });

  it.each([
    ['tradeMode', { tradeMode: '9610' }],
    ['customsCode', { customsCode: '33029612' }],
    ['customsCode', { customsCode: '3302-96123' }],
    ['currencies', { currencies: [] }],
    ['currencies[1]', { currencies: ['USD', 'USD'] }],
    ['currencies[0]', { currencies: ['ABC'] }],
    ['settlementCurrency', { settlementCurrency: 'XXY' }],
    ['contactEmail', { contactEmail: 'nobody' }],
    ['legalName', { legalName: ' ' }],
  ])('400 naming %s', (field, change) => {
    expect(() => validateApplication({ ...application, ...change })).toThrow(expect.objectContaining({ code: 'SELLERS.INVALID', kind: 'invalid', message: expect.stringMatching(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}:`)) }));
  });

  it('is decided once: approve, reject with a reason, 409 afterwards', () => {
    expect(decideApplication('PENDING', 'APPROVE')).toBe('APPROVED');
    expect(decideApplication('PENDING', 'REJECT', 'customs code unknown')).toBe('REJECTED');
    expect(() => decideApplication('PENDING', 'REJECT', '')).toThrow(/reason/);
    for (const s of ['APPROVED', 'REJECTED'] as const) for (const d of ['APPROVE', 'REJECT'] as const) expect(() => decideApplication(s, d, 'x')).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});

describe('virtual account numbers', () => {
  it('VA + 11 digits with a Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    const n = virtualAccountNumber(1);
    expect(n).toMatch(/^VA88000000\d{3}$/);
    expect(n).toHaveLength(13);
    expect(isVirtualAccountNumber(n)).toBe(true);
  });

  it('catches a mistyped digit and a swap', () => {
    const n = virtualAccountNumber(12345);
    const typo = n.slice(0, -2) + String((Number(n.at(-2)) + 1) % 10) + n.at(-1);
    expect(isVirtualAccountNumber(typo)).toBe(false);
    const swapped = n.slice(0, 8) + n[9] + n[8] + n.slice(10);
    if (swapped !== n) expect(isVirtualAccountNumber(swapped)).toBe(false);
  });

  it('refuses sequences out of range', () => {
    expect(() => virtualAccountNumber(0)).toThrow(RangeError);
    expect(() => virtualAccountNumber(100_000_000)).toThrow(RangeError);
  });
});

it('one 400 names every bad field at once (issue #16)', () => {
  const input = { legalName: 'X', customsCode: 'bad', tradeMode: '9999', currencies: ['USD', 'US'], contactEmail: 'nope' };
  expect(() => validateApplication(input)).toThrow(
    expect.objectContaining({
      code: 'SELLERS.INVALID',
      message: expect.stringMatching(/^customsCode: .* \| tradeMode: .* \| currencies\[1\]: .* \| contactEmail: /),
      details: { issues: ['customsCode', 'tradeMode', 'currencies[1]', 'contactEmail'].map((field) => ({ field, message: expect.any(String) })) },
    }),
  );
});
