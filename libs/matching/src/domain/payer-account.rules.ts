import type { KnownPayerAccount } from './matching-context';

/** Account as banks print it, compared without case, spaces, dashes or the MT103 50K leading slash. */
export function normaliseAccount(account: string): string {
  return account.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The buyers this payer account was seen for, among `buyerKeys` (the buyers of the candidate
 * orders). A signal only when it points at exactly one buyer.
 */
export function buyersForAccount(account: string | null, known: KnownPayerAccount[], buyerKeys: Set<string>): string[] {
  if (!account) return [];
  const wanted = normaliseAccount(account);
  if (wanted.length < 4) return [];
  const keys = known.filter((k) => buyerKeys.has(k.buyerKey) && normaliseAccount(k.account) === wanted).map((k) => k.buyerKey);
  return [...new Set(keys)].sort();
}

export function identifyBuyerByAccount(account: string | null, known: KnownPayerAccount[], buyerKeys: Set<string>): string | null {
  const keys = buyersForAccount(account, known, buyerKeys);
  return keys.length === 1 ? keys[0] : null;
}
