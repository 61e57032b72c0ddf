import { isValidDateFormat, parseDate } from './date-format';

describe('parseDate', () => {
  it.each([
    ['2026-11-20', ['YYYY-MM-DD'], '2026-11-20'],
    ['20261120', ['YYYYMMDD'], '2026-11-20'],
    ['20.11.2026', ['DD.MM.YYYY'], '2026-11-20'],
    ['2026/11/20', ['YYYY/MM/DD'], '2026-11-20'],
    ['11/20/2026', ['MM/DD/YYYY'], '2026-11-20'],
    ['2024-02-29', ['YYYY-MM-DD'], '2024-02-29'],
    ['2000-02-29', ['YYYY-MM-DD'], '2000-02-29'],
    ['2026-11-20', ['YYYYMMDD', 'YYYY-MM-DD'], '2026-11-20'],
  ])('%s with %j -> %s', (value, formats, want) => {
    expect(parseDate(value, formats)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['2026-02-30', 'is not a calendar date (format YYYY-MM-DD)'],
    ['2025-02-29', 'is not a calendar date (format YYYY-MM-DD)'],
    ['1900-02-29', 'is not a calendar date (format YYYY-MM-DD)'],
    ['2026-04-31', 'is not a calendar date (format YYYY-MM-DD)'],
    ['2026-00-10', 'is not a calendar date (format YYYY-MM-DD)'],
    ['2026-1-5', 'does not match the date format (YYYY-MM-DD)'],
    ['2026-11-20 10:00', 'does not match the date format (YYYY-MM-DD)'],
    ['20.11.2026', 'does not match the date format (YYYY-MM-DD)'],
  ])('refuses %s', (value, reason) => {
    expect(parseDate(value, ['YYYY-MM-DD'])).toEqual({ ok: false, reason });
  });

  it('treats format punctuation literally, not as a pattern', () => {
    expect(parseDate('20x11x2026', ['DD.MM.YYYY']).ok).toBe(false);
  });

  it('accepts only formats with YYYY, MM and DD once each', () => {
    expect(isValidDateFormat('DD.MM.YYYY')).toBe(true);
    expect(isValidDateFormat('YYYYMMDD')).toBe(true);
    expect(isValidDateFormat('DD/MM')).toBe(false);
    expect(isValidDateFormat('YYYY-MM-MM')).toBe(false);
    expect(isValidDateFormat('YY-MM-DD')).toBe(false);
  });
});
