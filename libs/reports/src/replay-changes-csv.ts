import type { AllocationKey, DecisionSummary, ReplayReport } from '@ereceipt/matching';
import { csvLine } from './report-csv';

const HEADER = [
  'remittance_id', 'received_at', 'decided_at', 'seller_id', 'currency', 'amount', 'payer_name',
  'stored_outcome', 'stored_reason', 'stored_flags', 'stored_allocations', 'stored_verdict',
  'replayed_outcome', 'replayed_reason', 'replayed_flags', 'replayed_allocations', 'replayed_verdict',
  'people', 'people_allocations',
];

const allocations = (a: readonly AllocationKey[] | null | undefined): string => (a ?? []).map((x) => `${x.orderNo}=${x.amount}`).join(' ');
const side = (d: DecisionSummary | null): Array<string | null> => (d ? [d.outcome, d.reason, d.flags.join(' '), allocations(d.allocations), d.verdict] : [null, null, null, null, null]);

/**
 * `ereceipt matching replay --format csv`: one row per remittance whose decision would change, the
 * stored and the replayed side by side with what people decided (the analyst's month-end sheet).
 * Same cell rules as the reconciliation CSV (formula-looking cells neutralised, UTF-8 with a BOM).
 */
export function replayChangesToCsv(report: ReplayReport): string {
  const out = ['\uFEFF', csvLine(HEADER)];
  for (const c of report.changes) {
    out.push(csvLine([c.remittanceId, c.receivedAt, c.decidedAt, c.sellerId, c.currency, c.amount, c.payerName, ...side(c.stored), ...side(c.replay), c.label, allocations(c.confirmed)]));
  }
  return out.join('');
}
