import { createHash } from 'node:crypto';
import type { CanonicalRemittance } from '@ereceipt/contracts';

/**
 * The fingerprint of a wire when no UETR or EndToEndId ties two notifications together:
 * sender BIC, reference, value date, amount and currency (issue #3).
 */
export function remittanceFingerprint(r: CanonicalRemittance): string {
  const parts = [r.senderBic ?? '', r.messageRef.trim().toUpperCase(), r.valueDate, r.currency, r.amount];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}
