import * as iso4217 from 'currency-codes';

/** ISO 4217 minor-unit digits for a currency code, or undefined when the code is not a currency. */
export function minorDigits(currency: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  const entry = iso4217.code(currency);
  return entry ? entry.digits : undefined;
}

export function isCurrency(currency: string): boolean {
  return minorDigits(currency) !== undefined;
}
