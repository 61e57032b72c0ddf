import { Counter, Histogram } from 'prom-client';

/**
 * Prometheus metrics of matching (served by GET /metrics from the default registry). Decisions are
 * counted when made, inside the recording transaction: a chunk retried after a transient failure
 * counts its decisions again, so read them as rates and ratios (auto rate = AUTO / all).
 */
export const matchingMetrics = {
  decisions: new Counter({ name: 'ereceipt_matching_decisions_total', help: 'Matching decisions, by outcome and reason', labelNames: ['outcome', 'reason'] }),
  decisionSeconds: new Histogram({ name: 'ereceipt_matching_decision_seconds', help: 'Candidate retrieval, decision and its effects for one remittance', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] }),
  failures: new Counter({ name: 'ereceipt_matching_failures_total', help: 'Remittances left unmatched because matching failed (rolled back to its savepoint; the wire stays stored)' }),
};
