import type { Field } from './block4-fields';
import { bad, singleLine, type FieldContext } from './field-context';
import { show } from './fin-issues';
import { parseAmount, parseCurrency, parseCurrencyAmount, parseRate } from './swift-amount';
import { isHhmm, parseYymmdd } from './swift-date';

/**
 * Block 4 field formats shared by MT103 and MT910 (SWIFT UHB field specifications; research §1.3).
 * Each returns the parsed value, or null after reporting `<MT>.BAD_<tag>`.
 */

/** 20 / 21 `16x`; must not start or end with `/` nor contain `//` (T26). */
export function reference(ctx: FieldContext, field: Field): string | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  if (value.length < 1 || value.length > 16) bad(ctx, field, `${show(value)} must be 1 to 16 characters`);
  else if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) bad(ctx, field, `${show(value)} must not start or end with '/' or contain '//' (T26)`);
  else return value;
  return null;
}

/** 32A `6!n3!a15d`: value date, currency, interbank settled amount. */
export function valueDateAmount(ctx: FieldContext, field: Field): { valueDate: string; currency: string; amount: string } | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  const date = parseYymmdd(value.slice(0, 6));
  if (!date.ok) return fail(ctx, field, `${show(value)}: ${date.reason}`);
  const currency = parseCurrency(value.slice(6, 9));
  if (!currency.ok) return fail(ctx, field, `${show(value)}: ${currency.reason}`);
  const amount = parseAmount(value.slice(9), currency.value);
  if (!amount.ok) return fail(ctx, field, `${show(value)}: ${amount.reason}`);
  return { valueDate: date.value, currency: currency.value, amount: amount.value };
}

/** 33B, 71F, 71G `3!a15d`. */
export function currencyAmount(ctx: FieldContext, field: Field): { currency: string; amount: string } | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  const parsed = parseCurrencyAmount(value);
  return parsed.ok ? parsed.value : fail(ctx, field, `${show(value)}: ${parsed.reason}`);
}

/** 36 `12d` exchange rate. */
export function exchangeRate(ctx: FieldContext, field: Field): string | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  const parsed = parseRate(value);
  return parsed.ok ? parsed.value : fail(ctx, field, `${show(value)}: ${parsed.reason}`);
}

/** A single-line code out of a closed list (23B `4!c`, 71A `3!a`, 26T `3!c`). */
export function code(ctx: FieldContext, field: Field, pattern: RegExp, allowed: readonly string[] | null): string | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  if (!pattern.test(value)) return fail(ctx, field, `${show(value)} does not match its format ${pattern.source}`);
  if (allowed && !allowed.includes(value)) return fail(ctx, field, `${show(value)} is not one of ${allowed.join(', ')}`);
  return value;
}

export const BANK_OPERATION_CODES = ['CRED', 'CRTS', 'SPAY', 'SPRI', 'SSTD'] as const;
export const INSTRUCTION_CODES = ['CHQB', 'CORT', 'HOLD', 'INTC', 'PHOB', 'PHOI', 'PHON', 'REPA', 'SDVA', 'TELB', 'TELE', 'TELI'] as const;
export const CHARGE_BEARERS = ['OUR', 'SHA', 'BEN'] as const;
export type ChargeBearer = (typeof CHARGE_BEARERS)[number];

/** 23E `4!c[/30x]`: instruction code, with additional information only after a slash. */
export function instructionCode(ctx: FieldContext, field: Field): string | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  const m = /^([A-Z0-9]{4})(?:\/(.{1,30}))?$/.exec(value);
  if (!m) return fail(ctx, field, `${show(value)} is not a 4-character code optionally followed by /30x`);
  if (!(INSTRUCTION_CODES as readonly string[]).includes(m[1])) return fail(ctx, field, `code ${m[1]} is not one of ${INSTRUCTION_CODES.join(', ')}`);
  return m[1];
}

/** 13C `/8c/4!n1!x4!n`: `/CLSTIME/0915+0100`. */
export function timeIndication(ctx: FieldContext, field: Field): void {
  const value = singleLine(ctx, field);
  if (value === null) return;
  const m = /^\/([A-Z0-9]{1,8})\/(\d{4})([+-])(\d{4})$/.exec(value);
  if (!m || !isHhmm(m[2]) || !isUtcOffset(m[4])) bad(ctx, field, `${show(value)} is not /code/HHMM±HHMM`);
}

/** 13D (MT910) `6!n4!n1!x4!n`: date, time and UTC offset of the booking. */
export function dateTimeIndication(ctx: FieldContext, field: Field): void {
  const value = singleLine(ctx, field);
  if (value === null) return;
  const m = /^(\d{6})(\d{4})([+-])(\d{4})$/.exec(value);
  if (!m || !parseYymmdd(m[1]).ok || !isHhmm(m[2]) || !isUtcOffset(m[4])) bad(ctx, field, `${show(value)} is not YYMMDDHHMM±HHMM`);
}

function isUtcOffset(text: string): boolean {
  return /^(0\d|1[0-3])[0-5]\d$/.test(text) || text === '1400';
}

function fail(ctx: FieldContext, field: Field, message: string): null {
  bad(ctx, field, message);
  return null;
}
