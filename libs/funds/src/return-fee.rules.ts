/**
 * The fee kept when an unassociable remittance goes back to its payer (DOMAIN.md §3: "fee
 * configurable, e.g. 25 USD"). Defaults per currency; finance may give another fee per return.
 * Currencies not listed return the whole amount unless finance sets a fee.
 */
export const DEFAULT_RETURN_FEES: Readonly<Record<string, string>> = { USD: '25.00', EUR: '25.00', GBP: '20.00', CNY: '150.00', HKD: '200.00', JPY: '3500' };

export function returnFee(currency: string): string {
  return DEFAULT_RETURN_FEES[currency] ?? '0';
}
