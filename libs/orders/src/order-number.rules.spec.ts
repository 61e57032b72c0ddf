import { canonicalOrderNo, formatOrderNumber, isOrderNumber, orderNoParam, parseOrderNumber } from './order-number.rules';

describe('order numbers EO-YYYY-NNNNNN', () => {
  it('formats with six digits at least', () => {
    expect(formatOrderNumber(2026, 123)).toBe('EO-2026-000123');
    expect(formatOrderNumber(2026, 1234567n)).toBe('EO-2026-1234567');
  });

  it('refuses a bad year or sequence', () => {
    expect(() => formatOrderNumber(26, 1)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026, 0)).toThrow(RangeError);
  });

  it('parses what it formats, and what a buyer types', () => {
    expect(parseOrderNumber(formatOrderNumber(2027, 42))).toEqual({ year: 2027, sequence: 42n });
    expect(parseOrderNumber(' eo-2026-000123 ')).toEqual({ year: 2026, sequence: 123n });
  });

  it.each(['EO-2026-12345', 'EO-26-000123', 'XO-2026-000123', 'EO-2026-000000', 'EO-2026-0123456', 'EO-2026-000123X', ''])('rejects %p', (text) => {
    expect(parseOrderNumber(text)).toBeNull();
  });

  it('isOrderNumber wants the canonical form', () => {
    expect(isOrderNumber('EO-2026-000123')).toBe(true);
    expect(isOrderNumber('eo-2026-000123')).toBe(false);
  });

  it('an API path parameter: the canonical form, or 400 naming orderNo; a buyer\'s link: 404', () => {
    expect(orderNoParam(' eo-2026-000123')).toBe('EO-2026-000123');
    expect(() => orderNoParam('EO-2026-12')).toThrow(expect.objectContaining({ code: 'ORDERS.BAD_ORDER_NO', kind: 'invalid', details: { issues: [{ field: 'orderNo', message: expect.any(String) }] } }));
    expect(() => canonicalOrderNo('EO-2026-12')).toThrow(expect.objectContaining({ code: 'ORDERS.NOT_FOUND', kind: 'not-found' }));
  });
});
