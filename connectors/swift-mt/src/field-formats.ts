import type { Field } from './block4-fields';
import { bad, fieldName, irregular, singleLine, type FieldContext } from './field-context';
import { show } from './fin-issues';
import { parseAmount, parseCurrency, parseCurrencyAmount, parseRate } from './swift-amount';
import { isHhmm, parseYymmdd } from './swift-date';

/**
 * Block 4 field formats shared by MT103 and MT910 (SWIFT UHB field specifications; research §1.3).
 * Each returns the parsed value, or null after reporting `<MT>.BAD_<tag>`: as unusable (`add`)
 * for the fields that say who paid how much to whom (20, 21, 32A), as irregular (`flag`) for the
 * others, whose value is then left out (null) and the message kept.
 */

/**
 * 20 / 21 `16x`: one line, 1 to 16 characters, not starting or ending with `/` nor containing `//`
 * (T26). An empty or multi-line reference is unusable; the other rules are irregular (the
 * reference is kept as sent: it still identifies the message).
 */
export function reference(ctx: FieldContext, field: Field): string | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  if (value.trim().length < 1) {
    bad(ctx, field, 'is empty');
    return null;
  }
  if (value.length > 16) irregular(ctx, field, 'REFERENCE_LENGTH', `${fieldName(field)} ${show(value)} is ${value.length} characters; at most 16 are allowed`);
  if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) irregular(ctx, field, 'T26', `${fieldName(field)} ${show(value)} must not start or end with '/' or contain '//' (T26)`);
  return value;
}

/** 32A `6!n3!a15d`: value date, currency, interbank settled amount. */
export function valueDateAmount(ctx: FieldContext, field: Field): { valueDate: string; currency: string; amount: string } | null {
  const value = singleLine(ctx, field);
  if (value === null) return null;
  const date = parseYymmdd(value.slice(0, 6), ctx.referenceYear);
  if (!date.ok) return fail(ctx, field, `${show(value)}: ${date.reason}`);
  const currency = parseCurrency(value.slice(6, 9));
  if (!currency.ok) return fail(ctx, field, `${show(value)}: ${currency.reason}`);
  const amount = parseAmount(value.slice(9), currency.value);
  if (!amount.ok) return fail(ctx, field, `${show(value)}: ${amount.reason}`);
  return { valueDate: date.value, currency: currency.value, amount: amount.value };
}

/** 33B, 71F, 71G `3!a15d` (irregular when unreadable: 32A is what was settled). */
export function currencyAmount(ctx: FieldContext, field: Field): { currency: string; amount: string } | null {
  const value = flaggedLine(ctx, field);
  if (value === null) return null;
  const parsed = parseCurrencyAmount(value);
  return parsed.ok ? parsed.value : flagBad(ctx, field, `${show(value)}: ${parsed.reason}`);
}

/** 36 `12d` exchange rate (irregular when unreadable). */
export function exchangeRate(ctx: FieldContext, field: Field): string | null {
  const value = flaggedLine(ctx, field);
  if (value === null) return null;
  const parsed = parseRate(value);
  return parsed.ok ? parsed.value : flagBad(ctx, field, `${show(value)}: ${parsed.reason}`);
}

/** A single-line code out of a closed list (23B `4!c`, 71A `3!a`, 26T `3!c`); irregular when not. */
export function code(ctx: FieldContext, field: Field, pattern: RegExp, allowed: readonly string[] | null): string | null {
  const value = flaggedLine(ctx, field);
  if (value === null) return null;
  if (!pattern.test(value)) return flagBad(ctx, field, `${show(value)} does not match its format ${pattern.source}`);
  if (allowed && !allowed.includes(value)) return flagBad(ctx, field, `${show(value)} is not one of ${allowed.join(', ')}`);
  return value;
}

export const BANK_OPERATION_CODES = ['CRED', 'CRTS', 'SPAY', 'SPRI', 'SSTD'] as const;
export const INSTRUCTION_CODES = ['CHQB', 'CORT', 'HOLD', 'INTC', 'PHOB', 'PHOI', 'PHON', 'REPA', 'SDVA', 'TELB', 'TELE', 'TELI'] as const;
export const CHARGE_BEARERS = ['OUR', 'SHA', 'BEN'] as const;
export type ChargeBearer = (typeof CHARGE_BEARERS)[number];

/** 23E `4!c[/30x]`: instruction code, with additional information only after a slash. */
export function instructionCode(ctx: FieldContext, field: Field): string | null {
  const value = flaggedLine(ctx, field);
  if (value === null) return null;
  const m = /^([A-Z0-9]{4})(?:\/(.{1,30}))?$/.exec(value);
  if (!m) return flagBad(ctx, field, `${show(value)} is not a 4-character code optionally followed by /30x`);
  if (!(INSTRUCTION_CODES as readonly string[]).includes(m[1])) return flagBad(ctx, field, `code ${m[1]} is not one of ${INSTRUCTION_CODES.join(', ')}`);
  return m[1];
}

/** 13C `/8c/4!n1!x4!n`: `/CLSTIME/0915+0100`. */
export function timeIndication(ctx: FieldContext, field: Field): void {
  const value = flaggedLine(ctx, field);
  if (value === null) return;
  const m = /^\/([A-Z0-9]{1,8})\/(\d{4})([+-])(\d{4})$/.exec(value);
  if (!m || !isHhmm(m[2]) || !isUtcOffset(m[4])) flagBad(ctx, field, `${show(value)} is not /code/HHMM±HHMM`);
}

/** 13D (MT910) `6!n4!n1!x4!n`: date, time and UTC offset of the booking. */
export function dateTimeIndication(ctx: FieldContext, field: Field): void {
  const value = flaggedLine(ctx, field);
  if (value === null) return;
  const m = /^(\d{6})(\d{4})([+-])(\d{4})$/.exec(value);
  if (!m || !parseYymmdd(m[1], ctx.referenceYear).ok || !isHhmm(m[2]) || !isUtcOffset(m[4])) flagBad(ctx, field, `${show(value)} is not YYMMDDHHMM±HHMM`);
}

function isUtcOffset(text: string): boolean {
  return /^(0\d|1[0-3])[0-5]\d$/.test(text) || text === '1400';
}

function fail(ctx: FieldContext, field: Field, message: string): null {
  bad(ctx, field, message);
  return null;
}

/** `<prefix>.BAD_<tag>` as an irregularity: the field's value is left out, the message kept. */
export function flagBad(ctx: FieldContext, field: Field, message: string): null {
  irregular(ctx, field, `BAD_${field.tag}`, `${fieldName(field)} ${message}`);
  return null;
}

function flaggedLine(ctx: FieldContext, field: Field): string | null {
  if (field.lines.length === 1) return field.lines[0];
  return flagBad(ctx, field, `must be one line but has ${field.lines.length}`);
}
