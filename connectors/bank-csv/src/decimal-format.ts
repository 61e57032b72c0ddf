/**
 * Locale-aware number text to a plain decimal string ("-1234.56"), never a JS number
 * (bank-formats.md §0.1). The profile fixes the decimal and thousands separators; a value that
 * does not fit them is an error, so `173,900` under a decimal-point profile without thousands
 * separators is refused rather than read as 173.9 or 173900 (§5 #56, dollardollar#55).
 */
export interface NumberFormat {
  decimalSeparator: '.' | ',';
  thousandsSeparator: '' | ',' | '.' | ' ' | "'";
}

export type DecimalResult = { ok: true; value: string } | { ok: false; reason: string };

const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new Map<string, RegExp>();

function patternFor({ decimalSeparator, thousandsSeparator }: NumberFormat): RegExp {
  const key = decimalSeparator + thousandsSeparator;
  let re = patterns.get(key);
  if (!re) {
    // A space thousands separator also matches NBSP and narrow NBSP, which exports use instead.
    const sep = thousandsSeparator === ' ' ? '[ \\u00a0\\u202f]' : esc(thousandsSeparator);
    const integer = thousandsSeparator ? `(?:\\d{1,3}(?:${sep}\\d{3})+|\\d+)` : '\\d+';
    re = new RegExp(`^(?<sign>[+-]?)(?<int>${integer})(?:${esc(decimalSeparator)}(?<frac>\\d+))?$`);
    patterns.set(key, re);
  }
  return re;
}

/** Parses `text` (already trimmed) with the profile's separators. Leading `+` is accepted (ABC exports). */
export function parseDecimal(text: string, format: NumberFormat): DecimalResult {
  if (text.length > 40) return { ok: false, reason: 'is too long for an amount' };
  const groups = patternFor(format).exec(text)?.groups;
  if (!groups) {
    const thousands = format.thousandsSeparator ? `"${format.thousandsSeparator}"` : 'none';
    return { ok: false, reason: `is not a number (decimal separator "${format.decimalSeparator}", thousands separator ${thousands})` };
  }
  const int = groups.int.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const sign = groups.sign === '-' ? '-' : '';
  return { ok: true, value: `${sign}${int}${groups.frac ? `.${groups.frac}` : ''}` };
}

/** True when a plain decimal from `parseDecimal` is negative and non-zero. */
export function isNegative(value: string): boolean {
  return value.startsWith('-') && /[1-9]/.test(value);
}

export function isZero(value: string): boolean {
  return !/[1-9]/.test(value);
}

export function abs(value: string): string {
  return value.startsWith('-') ? value.slice(1) : value;
}
