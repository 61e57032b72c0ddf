import { DomainError } from '@ereceipt/contracts';
import { isCurrency } from '@ereceipt/money';

export const sellerStatuses = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type SellerStatus = (typeof sellerStatuses)[number];

/** Customs "general trade" supervision mode: the only one e-receipt orders serve (docs/domain.md §1). */
export const GENERAL_TRADE = '0110';

/** The bank holding the hub's virtual accounts (configuration later; constants for now). */
export const COLLECTION_BANK = { bankName: 'EXAMPLE BANK (HONG KONG) LIMITED', bic: 'EXBKHKHHXXX' } as const;

export interface SellerApplicationInput {
  legalName: string;
  customsCode: string;
  tradeMode: string;
  settlementCurrency?: string;
  currencies: string[];
  contactEmail: string;
}

export type SellerApplication = Required<SellerApplicationInput>;

/**
 * The application invariants; one 400 naming every bad field at once (issue #16: a bad customs code
 * and a bad trade mode are both named). Currencies are upper-cased and must be unique.
 */
export function validateApplication(input: SellerApplicationInput): SellerApplication {
  const issues: Array<{ field: string; message: string }> = [];
  const bad = (field: string, message: string) => void issues.push({ field, message });
  if (!input.legalName?.trim()) bad('legalName', 'must not be empty');
  if (!/^[0-9A-Z]{10}$/.test(input.customsCode ?? '')) bad('customsCode', 'must be the 10-character customs registration code (digits and capital letters)');
  if (input.tradeMode !== GENERAL_TRADE) bad('tradeMode', `must be ${GENERAL_TRADE} (general trade); e-receipt orders serve general trade only`);
  const settlementCurrency = input.settlementCurrency ?? 'CNY';
  if (!isCurrency(settlementCurrency)) bad('settlementCurrency', 'must be an ISO 4217 currency code such as CNY');
  if (!Array.isArray(input.currencies) || input.currencies.length === 0) bad('currencies', 'must list at least one currency');
  else {
    input.currencies.forEach((c, i) => {
      if (!isCurrency(c)) bad(`currencies[${i}]`, 'must be an ISO 4217 currency code such as USD');
      else if (input.currencies.indexOf(c) !== i) bad(`currencies[${i}]`, `${c} is listed twice`);
    });
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.contactEmail ?? '')) bad('contactEmail', 'must be an e-mail address');
  if (issues.length > 0) throw new DomainError('SELLERS.INVALID', issues.map((i) => `${i.field}: ${i.message}`).join(' | '), 'invalid', { issues });
  return { legalName: input.legalName.trim(), customsCode: input.customsCode, tradeMode: input.tradeMode, settlementCurrency, currencies: [...input.currencies], contactEmail: input.contactEmail };
}

/** PENDING -> APPROVED | REJECTED, once; a decided application answers 409. */
export function decideApplication(status: SellerStatus, decision: 'APPROVE' | 'REJECT', reason?: string): SellerStatus {
  if (status !== 'PENDING') throw new DomainError('SELLERS.ALREADY_DECIDED', `the application is already ${status}`, 'conflict');
  if (decision === 'APPROVE') return 'APPROVED';
  if (!reason?.trim()) throw new DomainError('SELLERS.INVALID', 'reason: a rejection needs a reason', 'invalid', { issues: [{ field: 'reason', message: 'must not be empty' }] });
  return 'REJECTED';
}
