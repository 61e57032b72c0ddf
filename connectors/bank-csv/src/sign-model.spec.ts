import { resolveAmount, type AmountCells } from './sign-model';

const fmt = { decimalSeparator: '.', thousandsSeparator: ',' } as const;
const cells = (c: Partial<AmountCells>): AmountCells => ({ amount: null, credit: null, debit: null, drcr: null, ...c });
const drcr = { model: 'drcr' as const, credit: ['贷', 'C'], debit: ['借', 'D'] };

describe('resolveAmount', () => {
  describe('signed', () => {
    it.each([
      ['100.00', { kind: 'credit', amount: '100.00' }],
      ['+5', { kind: 'credit', amount: '5' }],
      ['-1,000.50', { kind: 'debit', amount: '1000.50' }],
      ['0.00', { kind: 'zero' }],
      ['-0', { kind: 'zero' }],
    ])('%s', (amount, want) => {
      expect(resolveAmount(cells({ amount }), { model: 'signed' }, fmt)).toEqual(want);
    });

    it('reports an empty or unreadable amount', () => {
      expect(resolveAmount(cells({}), { model: 'signed' }, fmt)).toMatchObject({ kind: 'error', code: 'CSV.MISSING_AMOUNT', field: 'amount' });
      expect(resolveAmount(cells({ amount: 'abc' }), { model: 'signed' }, fmt)).toMatchObject({ kind: 'error', code: 'CSV.BAD_AMOUNT' });
    });
  });

  describe('drcr', () => {
    it('takes the direction from the indicator, case-insensitively', () => {
      expect(resolveAmount(cells({ amount: '12,500.00', drcr: '贷' }), drcr, fmt)).toEqual({ kind: 'credit', amount: '12500.00' });
      expect(resolveAmount(cells({ amount: '8', drcr: 'd' }), drcr, fmt)).toEqual({ kind: 'debit', amount: '8' });
    });

    it('refuses an unknown indicator and a signed amount', () => {
      expect(resolveAmount(cells({ amount: '8', drcr: '转' }), drcr, fmt)).toMatchObject({ code: 'CSV.BAD_DRCR', field: 'drcr' });
      expect(resolveAmount(cells({ amount: '8', drcr: null }), drcr, fmt)).toMatchObject({ code: 'CSV.BAD_DRCR' });
      expect(resolveAmount(cells({ amount: '-8', drcr: '贷' }), drcr, fmt)).toMatchObject({ code: 'CSV.BAD_AMOUNT' });
      expect(resolveAmount(cells({ amount: '+8', drcr: '贷' }), drcr, fmt)).toMatchObject({ code: 'CSV.BAD_AMOUNT' });
    });
  });

  describe('split', () => {
    const split = { model: 'split' } as const;
    it.each([
      [{ credit: '100.00' }, { kind: 'credit', amount: '100.00' }],
      [{ credit: '100.00', debit: '0.00' }, { kind: 'credit', amount: '100.00' }],
      [{ debit: '-89.90' }, { kind: 'debit', amount: '89.90' }],
      [{ debit: '89.90' }, { kind: 'debit', amount: '89.90' }],
      [{ credit: '0', debit: '0' }, { kind: 'zero' }],
    ])('%j', (c, want) => {
      expect(resolveAmount(cells(c), split, fmt)).toEqual(want);
    });

    it.each([
      [{ credit: '10', debit: '10' }, 'CSV.BAD_AMOUNT'],
      [{ credit: '-10' }, 'CSV.BAD_AMOUNT'],
      [{ credit: 'x' }, 'CSV.BAD_AMOUNT'],
      [{}, 'CSV.MISSING_AMOUNT'],
    ])('refuses %j', (c, code) => {
      expect(resolveAmount(cells(c), split, fmt)).toMatchObject({ kind: 'error', code });
    });
  });
});
