import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { KnownPaymentId } from './matching-context';

/** ISO 20022 placeholder for "no EndToEndId": it identifies nothing. */
const PLACEHOLDERS = new Set(['NOTPROVIDED', 'NONREF', 'NONE', '']);

function normaliseEndToEnd(id: string | null): string | null {
  const v = id?.trim().toUpperCase() ?? '';
  return PLACEHOLDERS.has(v) ? null : v;
}

/**
 * Orders an earlier message of the same payment (same UETR, or same EndToEndId) was already
 * associated with. Sorted, de-duplicated; more than one means the history disagrees with itself.
 */
export function ordersByPaymentId(remittance: Pick<CanonicalRemittance, 'uetr' | 'endToEndId'>, known: KnownPaymentId[]): string[] {
  const uetr = remittance.uetr?.toLowerCase() ?? null;
  const e2e = normaliseEndToEnd(remittance.endToEndId);
  const hits = known.filter(
    (k) => (uetr !== null && k.uetr?.toLowerCase() === uetr) || (e2e !== null && normaliseEndToEnd(k.endToEndId) === e2e),
  );
  return [...new Set(hits.map((k) => k.orderNo))].sort();
}
