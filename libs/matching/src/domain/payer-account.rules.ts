import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { KnownPayerAccount } from './matching-context';

/**
 * What identifies the payer's account for matching: the account, or else the MT103 50F party
 * identifier (`CUST/KR/SEOULTRADE-00042`), which is as stable a key for a payer as an account
 * (issue 21). The loader of `knownPayerAccounts` and the association's `payerAccount` must use the
 * same key (this function) so that an identifier seen before is recognised.
 */
export function payerAccountKey(payer: CanonicalRemittance['payer']): string | null {
  if (payer.account) return payer.account;
  const id = payer.identifier;
  return id ? `${id.code}/${id.country}/${id.id}` : null;
}

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
