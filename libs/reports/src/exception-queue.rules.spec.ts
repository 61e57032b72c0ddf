import { categoriesOf, decodeCursor, encodeCursor, likePattern, parseAmountSearch, statusesOf } from './exception-queue.rules';

describe('exception queue: search and cursor', () => {
  it('reads an exact amount, a range or open-ended bounds as decimal strings, and refuses anything else', () => {
    expect(parseAmountSearch('612.34')).toEqual({ min: '612.34', max: '612.34' });
    expect(parseAmountSearch(' 600..700 ')).toEqual({ min: '600', max: '700' });
    expect(parseAmountSearch('600..')).toEqual({ min: '600', max: null });
    expect(parseAmountSearch('..700.5')).toEqual({ min: null, max: '700.5' });
    expect(parseAmountSearch('', '1', null)).toEqual({ min: '1', max: null });
    expect(parseAmountSearch('')).toBeNull();
    // Beyond a double's precision: kept as typed, never through a number.
    expect(parseAmountSearch('123456789012345.678901')).toEqual({ min: '123456789012345.678901', max: '123456789012345.678901' });
    for (const bad of ['1,200.50', '-5', '1e3', '12.', 'abc', '1..2..3']) expect(() => parseAmountSearch(bad)).toThrow(/amount/);
  });

  it('round-trips a cursor and refuses one of another sort, order or shape', () => {
    const c = { sort: 'amount' as const, order: 'desc' as const, key: ['612.34'], id: '6b1f7a4e-2f1d-4c1e-9a7b-0c1d2e3f4a5b' };
    expect(decodeCursor(encodeCursor(c), 'amount', 'desc')).toEqual(c);
    expect(() => decodeCursor(encodeCursor(c), 'amount', 'asc')).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(c), 'age', 'desc')).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor({ ...c, key: ['1; drop table remittance'] }), 'amount', 'desc')).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor({ ...c, sort: 'currency', key: ['USD'] }), 'currency', 'desc')).toThrow(/cursor/);
    expect(() => decodeCursor('not-base64-json', 'age', 'asc')).toThrow(/cursor/);
  });

  it('maps categories to the statuses they can hold (the partial indexes cover what waits)', () => {
    expect(statusesOf('waiting')).toEqual(['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP', 'IDENTITY_CONFLICT']);
    expect(statusesOf('suggested')).toEqual(['PENDING_ASSOCIATION']);
    expect(statusesOf('all')).toBeNull();
    expect(categoriesOf('associated')).toEqual(['associatedAuto', 'associatedManual']);
    expect(categoriesOf('waiting')).not.toContain('returned');
  });

  it('escapes LIKE wildcards in a search text', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
