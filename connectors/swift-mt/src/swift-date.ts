import type { Parsed } from './swift-amount';

/**
 * `6!n` dates as YYMMDD (UHB: "Date must be a valid date expressed as YYMMDD", error T50).
 * FIN carries two-digit years; we read 80–99 as 19xx and 00–79 as 20xx (a fixed window, so the
 * result never depends on the day the file is parsed).
 */
export function parseYymmdd(text: string): Parsed<string> {
  if (!/^\d{6}$/.test(text)) return { ok: false, reason: `date ${JSON.stringify(text)} is not six digits YYMMDD` };
  const yy = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
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
