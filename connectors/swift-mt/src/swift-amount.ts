import { minorDigits } from '@ereceipt/money';

/**
 * SWIFT `d` amounts (UHB "Amount" rules, error codes T40/T43/C03):
 * - digits with a mandatory decimal comma, which counts in the maximum length (15d, 12d);
 * - at least one digit before the comma; no thousands separators, no decimal point;
 * - no more digits after the comma than the currency's ISO 4217 minor units (`1000,` JPY ok,
 *   `1,5` JPY not). The result is a decimal string with exactly the currency's minor digits.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Precious metals are ISO 4217 codes but not currencies for FIN amounts (C08); XXX/XTS are no currency. */
const NOT_ALLOWED = new Set(['XAU', 'XAG', 'XPD', 'XPT', 'XXX', 'XTS']);

export function parseCurrency(text: string): Parsed<string> {
  if (!/^[A-Z]{3}$/.test(text)) return { ok: false, reason: `currency ${JSON.stringify(text)} is not three upper-case letters` };
  if (NOT_ALLOWED.has(text)) return { ok: false, reason: `currency ${text} is not allowed in a FIN amount (C08)` };
  if (minorDigits(text) === undefined) return { ok: false, reason: `currency ${text} is not an ISO 4217 code (T52)` };
  return { ok: true, value: text };
}

export function parseSwiftDecimal(text: string, maxLength: number): Parsed<{ integer: string; fraction: string }> {
  const q = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (text.length === 0) return { ok: false, reason: 'the amount is empty' };
  if (text.length > maxLength) return { ok: false, reason: `amount ${q} is longer than ${maxLength} characters including the comma` };
  if (text.includes('.') && text.includes(',')) return { ok: false, reason: `amount ${q} has a '.' thousands separator; SWIFT amounts have none` };
  if (text.includes('.')) return { ok: false, reason: `amount ${q} uses a decimal point; SWIFT amounts use a decimal comma` };
  const comma = text.indexOf(',');
  if (comma < 0) return { ok: false, reason: `amount ${q} has no decimal comma, which is mandatory (write ${q.slice(0, -1)},")` };
  const integer = text.slice(0, comma);
  const fraction = text.slice(comma + 1);
  if (integer.length === 0) return { ok: false, reason: `amount ${q} has no digit before the decimal comma` };
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) {
    return { ok: false, reason: `amount ${q} may contain only digits and one decimal comma` };
  }
  return { ok: true, value: { integer, fraction } };
}

/** `3!a15d` style amount for a known currency → canonical decimal string via `toAmount`. */
export function parseAmount(text: string, currency: string, maxLength = 15): Parsed<string> {
  const parsed = parseSwiftDecimal(text, maxLength);
  if (!parsed.ok) return parsed;
  const digits = minorDigits(currency);
  if (digits === undefined) return { ok: false, reason: `currency ${currency} is not an ISO 4217 code (T52)` };
  const { integer, fraction } = parsed.value;
  if (fraction.length > digits) {
    return { ok: false, reason: `amount ${JSON.stringify(text)} has ${fraction.length} decimal digit(s) but ${currency} allows ${digits} (C03)` };
  }
  return { ok: true, value: canonicalAmount(integer, fraction, digits) };
}

/**
 * The canonical decimal string (`@ereceipt/money` `toAmount` form: no leading zeros, exactly the
 * currency's minor digits) from checked digit strings, by string operations: `000123`,`4` with 2
 * digits → `123.40`. The caller has checked `fraction.length <= digits` (C03).
 */
export function canonicalAmount(integer: string, fraction: string, digits: number): string {
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start++;
  const whole = integer.slice(start);
  return digits === 0 ? whole : `${whole}.${fraction.padEnd(digits, '0')}`;
}

/** A canonical amount (exactly its currency's minor digits) in integer minor units. */
export function minorUnits(amount: string): bigint {
  const dot = amount.indexOf('.');
  return BigInt(dot < 0 ? amount : amount.slice(0, dot) + amount.slice(dot + 1));
}

/** Integer minor units back to the canonical string with `digits` decimals. */
export function fromMinor(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

/** `3!a15d`: currency then amount, e.g. `EUR1250,50` (33B, 71F, 71G). */
export function parseCurrencyAmount(text: string): Parsed<{ currency: string; amount: string }> {
  const currency = parseCurrency(text.slice(0, 3));
  if (!currency.ok) return currency;
  const amount = parseAmount(text.slice(3), currency.value);
  if (!amount.ok) return amount;
  return { ok: true, value: { currency: currency.value, amount: amount.value } };
}

/** `12d` exchange rate (field 36) → decimal string with the digits as sent (`0,9236` → `0.9236`). */
export function parseRate(text: string): Parsed<string> {
  const parsed = parseSwiftDecimal(text, 12);
  if (!parsed.ok) return parsed;
  const { integer, fraction } = parsed.value;
  if (/^0*$/.test(integer) && /^0*$/.test(fraction)) return { ok: false, reason: `exchange rate ${JSON.stringify(text)} is zero` };
  return { ok: true, value: fraction.length > 0 ? `${integer}.${fraction}` : integer };
}
