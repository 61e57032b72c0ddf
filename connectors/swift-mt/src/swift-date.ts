import type { Parsed } from './swift-amount';

/**
 * Two-digit years (README "Two-digit years"): the century is chosen so that the year falls in
 * [reference − 80, reference + 19], where the reference year is the message's own date (the
 * output date of an output block 2 header) or, without one, the year the file is parsed. A value
 * date is rarely more than a few years ahead, and old value dates do occur in archives (prowide's
 * `071028` inside a 2019 message), so the window leans to the past: with reference 2026,
 * `790101` is 1979-01-01 and `451231` is 2045-12-31.
 */
export const YEAR_WINDOW = { past: 80, future: 19 } as const;

export function fullYear(yy: number, referenceYear: number): number {
  const low = referenceYear - YEAR_WINDOW.past;
  const base = Math.floor(low / 100) * 100 + yy;
  return base >= low ? base : base + 100;
}

/** `6!n` dates as YYMMDD (UHB: "Date must be a valid date expressed as YYMMDD", error T50). */
export function parseYymmdd(text: string, referenceYear: number): Parsed<string> {
  if (!/^\d{6}$/.test(text)) return { ok: false, reason: `date ${JSON.stringify(text)} is not six digits YYMMDD` };
  const yy = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const year = fullYear(yy, referenceYear);
  if (month < 1 || month > 12) return { ok: false, reason: `date ${text} has month ${text.slice(2, 4)} (T50)` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `date ${text} is not a calendar date: ${year}-${text.slice(2, 4)} has no day ${text.slice(4, 6)} (T50)` };
  }
  return { ok: true, value: `${year}-${text.slice(2, 4)}-${text.slice(4, 6)}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `HHMM` time (13C, block 2). */
export function isHhmm(text: string): boolean {
  return /^([01]\d|2[0-3])[0-5]\d$/.test(text);
}
