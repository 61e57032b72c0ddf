import { parseDecimal, type NumberFormat } from './decimal-format';

const point: NumberFormat = { decimalSeparator: '.', thousandsSeparator: '' };
const pointComma: NumberFormat = { decimalSeparator: '.', thousandsSeparator: ',' };
const german: NumberFormat = { decimalSeparator: ',', thousandsSeparator: '.' };
const swiss: NumberFormat = { decimalSeparator: '.', thousandsSeparator: "'" };
const french: NumberFormat = { decimalSeparator: ',', thousandsSeparator: ' ' };

describe('parseDecimal', () => {
  it.each([
    ['1234.56', point, '1234.56'],
    ['-20', point, '-20'],
    ['+42.00', point, '42.00'],
    ['0012.5', point, '12.5'],
    ['0.92', point, '0.92'],
    ['1,234.56', pointComma, '1234.56'],
    ['1234.56', pointComma, '1234.56'],
    ['-1,000,000.00', pointComma, '-1000000.00'],
    ['1.234,56', german, '1234.56'],
    ['-89,90', german, '-89.90'],
    ['1.000.000', german, '1000000'],
    ["1'250.40", swiss, '1250.40'],
    ['1 234,5', french, '1234.5'],
    ['1\u00a0234,5', french, '1234.5'],
    ['1\u202f234,5', french, '1234.5'],
  ])('%s -> %s', (text, format, want) => {
    expect(parseDecimal(text, format)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['173,900', point], // ambiguous under a decimal-point profile: refused, never guessed
    ['1,234.56', point],
    ['12,34.56', pointComma], // bad grouping
    ['1,2345.00', pointComma],
    ['1.234.56', german],
    ['1e3', point],
    ['$10.00', point],
    ['10.', point],
    ['.5', point],
    ['(12.00)', point],
    ['12-', point],
    ['--1', point],
    ['', point],
    ['1'.repeat(41), point],
  ])('refuses %j', (text, format) => {
    expect(parseDecimal(text, format).ok).toBe(false);
  });

  it('says which separators it expected', () => {
    expect(parseDecimal('1,5', point)).toEqual({ ok: false, reason: 'is not a number (decimal separator ".", thousands separator none)' });
  });
});
