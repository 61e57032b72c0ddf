/**
 * The fee kept when an unassociable remittance goes back to its payer (docs/domain.md §3: "fee
 * configurable, e.g. 25 USD"): `RETURN_FEES` per currency (libs/config), or the one finance gives
 * for a return. A currency not configured returns the whole amount unless finance sets a fee.
 */
export function returnFee(currency: string, fees: Readonly<Record<string, string>>): string {
  return fees[currency] ?? '0';
}
