/**
 * A tiny explicit date matcher: `YYYY`, `MM`, `DD` tokens and literal separators, nothing else.
 * No `Date`, no time zones, no guessing between `DD/MM` and `MM/DD` per row (bank-formats.md §4.2,
 * §5 #63): the profile names the format and a value that does not match it is an error.
 */
const TOKEN = /YYYY|MM|DD/g;

export function isValidDateFormat(format: string): boolean {
  const tokens = format.match(TOKEN) ?? [];
  return tokens.length === 3 && new Set(tokens).size === 3 && format.length <= 20;
}

function compile(format: string): RegExp {
  const escaped = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/YYYY/, '(?<y>\\d{4})').replace(/MM/, '(?<m>\\d{2})').replace(/DD/, '(?<d>\\d{2})')}$`);
}

const compiled = new Map<string, RegExp>();

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type DateResult = { ok: true; value: string } | { ok: false; reason: string };

/** Parses `value` with the first matching format into `YYYY-MM-DD`, checking the calendar. */
export function parseDate(value: string, formats: readonly string[]): DateResult {
  for (const format of formats) {
    let re = compiled.get(format);
    if (!re) compiled.set(format, (re = compile(format)));
    const groups = re.exec(value)?.groups;
    if (!groups) continue;
    const { y, m, d } = groups as { y: string; m: string; d: string };
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return { ok: false, reason: `is not a calendar date (format ${format})` };
    }
    return { ok: true, value: `${y}-${m}-${d}` };
  }
  return { ok: false, reason: `does not match the date format (${formats.join(' or ')})` };
}
