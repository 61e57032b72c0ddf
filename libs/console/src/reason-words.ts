/** The engine's reason codes in words for the console (the code stays beside them); libs/matching/README.md defines each. */
const WORDS: Record<string, string> = {
  'MATCHING.AUTO_ORDER_REF': 'quoted its order; the payer is the buyer',
  'MATCHING.AUTO_ORDER_REFS': 'quoted several orders; exactly one split fits',
  'MATCHING.AUTO_PAYMENT_ID': 'carries the payment id (UETR / end-to-end id) known for the order',
  'MATCHING.AUTO_AMOUNT_PAYER': 'no reference; the buyer paid exactly what one order owes',
  'MATCHING.AUTO_SUBSET_SUM': 'exactly one combination of the buyer\'s orders adds up',
  'MATCHING.AMBIGUOUS_AMOUNT': 'several orders (or combinations) fit the amount',
  'MATCHING.AMBIGUOUS_PAYER': 'the payer could be more than one buyer',
  'MATCHING.AMOUNT_MISMATCH': 'no order or combination fits the amount',
  'MATCHING.SUBSET_LIMIT': 'too many orders to try every combination',
  'MATCHING.LIKELY_COINCIDENCE': 'fits, but could be a coincidence of amounts',
  'MATCHING.PAID_BEFORE_ORDER': 'paid before the order existed',
  'MATCHING.THIRD_PARTY_PAYER': 'paid by someone other than the buyer',
  'MATCHING.PAYER_NAME_MISMATCH': 'the buyer\'s account, another company\'s name',
  'MATCHING.PAYER_ACCOUNT_MISMATCH': 'the buyer\'s name, an account not seen for that buyer',
  'MATCHING.PAYER_UNKNOWN': 'no payer name or account on the wire',
  'MATCHING.REFERENCE_TYPO': 'the quoted order is one typing error away from an order that fits',
  'MATCHING.UNKNOWN_ORDER_REFERENCE': 'quotes an order number the seller does not have',
  'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT': 'paid into an account that is no seller\'s',
  'MATCHING.NO_CANDIDATE': 'no open order of the seller fits',
  'MATCHING.CURRENCY_MISMATCH': 'the order it points to is in another currency',
  'MATCHING.CONFLICTING_SIGNALS': 'the signals point to different orders',
};

/** Words for a reason code; an unknown code is shown as it is. */
export function reasonWords(code: string | null | undefined): string | null {
  if (!code) return null;
  return WORDS[code] ?? null;
}
