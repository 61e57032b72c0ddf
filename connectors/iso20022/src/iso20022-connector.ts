import type { BankConnector, ParseOutcome } from '@ereceipt/contracts';
import { mentionsCamtNamespace } from './camt-document';
import { decodeInput } from './input-guards';
import { parseCamt } from './parse-camt';

/**
 * The camt connector behind `bank.remittance.camt054` (camt.053 accepted too, docs/contract.md).
 * `format` is the topic's name; each remittance's `source` says camt054 or camt053.
 */
export const iso20022Connector: BankConnector = {
  format: 'camt054',
  detect(head: string): boolean {
    return /^\uFEFF?\s*</.test(head) && mentionsCamtNamespace(head);
  },
  async parse(input: Uint8Array): Promise<ParseOutcome> {
    const decoded = decodeInput(input);
    if (!decoded.ok) return { remittances: [], issues: [decoded.issue], skipped: [], unusable: true };
    return parseCamt(decoded.text);
  },
};
