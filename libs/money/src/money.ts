import Decimal from 'decimal.js';
import { minorDigits } from './currency';

/**
 * Exact decimal arithmetic for amounts and rates. Amounts cross every boundary as decimal strings
 * with exactly the currency's ISO 4217 minor digits ("1000" JPY, "10.00" USD, "1.500" KWD).
 * Never a JavaScript number.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function dec(value: string | Dec): Dec {
  if (typeof value === 'string' && !PLAIN_DECIMAL.test(value)) {
    throw new MoneyError('MONEY.NOT_A_DECIMAL', `"${value}" is not a plain decimal number`);
  }
  return new D(value);
}

export class MoneyError extends Error {
  constructor(
    readonly code: 'MONEY.NOT_A_DECIMAL' | 'MONEY.UNKNOWN_CURRENCY' | 'MONEY.TOO_MANY_DECIMALS' | 'MONEY.CURRENCY_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

function digitsOf(currency: string): number {
  const digits = minorDigits(currency);
  if (digits === undefined) throw new MoneyError('MONEY.UNKNOWN_CURRENCY', `"${currency}" is not an ISO 4217 currency`);
  return digits;
}

/** Count of digits after the decimal point, as written. */
export function decimalsWritten(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * Normalises a decimal string to the currency's minor digits, refusing (not rounding) extra
 * non-zero precision: "10.5" USD -> "10.50"; "10.001" USD -> error; "10.000" USD -> "10.00".
 */
export function toAmount(value: string, currency: string): string {
  const digits = digitsOf(currency);
  const d = dec(value);
  if (!d.equals(d.toDecimalPlaces(digits))) {
    throw new MoneyError('MONEY.TOO_MANY_DECIMALS', `${value} has more decimals than ${currency} allows (${digits})`);
  }
  return d.toFixed(digits);
}

/** The most digits before the decimal point of an amount a person or a partner writes (999 trillion; an MT103 `:32A:` amount has at most 15 characters). */
export const MAX_WHOLE_DIGITS = 15;

/**
 * An amount as written over HTTP: a plain decimal string (no sign, exponent, spaces or separators),
 * at most 15 digits before the point and 12 after; the currency's own minor digits are checked apart
 * (`isValidAmount`). Bounded so the exact arithmetic (40 significant digits) stays exact and nothing
 * absurd is stored.
 */
export const AMOUNT_STRING = /^\d{1,15}(\.\d{1,12})?$/;

/** True when `value` is an amount string within the bounds of `AMOUNT_STRING`. */
export function isBoundedAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_STRING.test(value);
}

/** Digits before the point of a plain decimal string, leading zeros aside (`"0012.40"` -> 2). */
export function wholeDigits(value: string): number {
  const whole = value.replace(/^-/, '').split('.')[0].replace(/^0+/, '');
  return whole.length;
}

/** True when the string is a decimal with at most the currency's minor digits written. */
export function isValidAmount(value: string, currency: string): boolean {
  const digits = minorDigits(currency);
  return digits !== undefined && PLAIN_DECIMAL.test(value) && decimalsWritten(value) <= digits;
}

export function formatAmount(value: Dec, currency: string): string {
  return value.toDecimalPlaces(digitsOf(currency), D.ROUND_HALF_EVEN).toFixed(digitsOf(currency));
}

export function addAmounts(currency: string, ...values: string[]): string {
  return formatAmount(values.reduce<Dec>((sum, v) => sum.plus(dec(v)), new D(0)), currency);
}

export function subtractAmounts(currency: string, a: string, b: string): string {
  return formatAmount(dec(a).minus(dec(b)), currency);
}

export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  return dec(a).comparedTo(dec(b)) as -1 | 0 | 1;
}

/**
 * Amount in integer minor units, as a bigint (exact). Read from the digits themselves, no decimal
 * object on the way (matching calls this for every milestone of every candidate order, and the
 * Decimal round trip was most of the engine's time; issue 15); the same errors as `toAmount`.
 */
export function toMinorUnits(value: string, currency: string): bigint {
  const digits = digitsOf(currency);
  if (!PLAIN_DECIMAL.test(value)) throw new MoneyError('MONEY.NOT_A_DECIMAL', `"${value}" is not a plain decimal number`);
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const fraction = dot < 0 ? '' : value.slice(dot + 1);
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    throw new MoneyError('MONEY.TOO_MANY_DECIMALS', `${value} has more decimals than ${currency} allows (${digits})`);
  }
  return BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
}

export function fromMinorUnits(units: bigint, currency: string): string {
  const digits = digitsOf(currency);
  return new D(units.toString()).dividedBy(new D(10).pow(digits)).toFixed(digits);
}

/** Multiplies an amount by a decimal rate and rounds half-even to the target currency. */
export function convert(amount: string, rate: string, targetCurrency: string): string {
  return formatAmount(dec(amount).times(dec(rate)), targetCurrency);
}
