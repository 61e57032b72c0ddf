import * as iso4217 from 'currency-codes';

/** Looked up once per code: `iso4217.code` scans the whole list, and amounts are formatted in hot loops. */
const digitsByCode = new Map<string, number | undefined>();

/** ISO 4217 minor-unit digits for a currency code, or undefined when the code is not a currency. */
export function minorDigits(currency: string): number | undefined {
  if (digitsByCode.has(currency)) return digitsByCode.get(currency);
  const digits = /^[A-Z]{3}$/.test(currency) ? iso4217.code(currency)?.digits : undefined;
  // Only well-formed codes are remembered, so arbitrary input cannot grow the map without bound.
  if (/^[A-Z]{3}$/.test(currency)) digitsByCode.set(currency, digits);
  return digits;
}

export function isCurrency(currency: string): boolean {
  return minorDigits(currency) !== undefined;
}
