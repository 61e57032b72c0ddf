import { addAmounts, compareAmounts } from '@ereceipt/money';
import type { MatchingDecision, MatchingFlag } from './domain';

/** docs/domain.md §3: finance approves associations always, or only when flagged (default). */
export const reviewPolicies = ['ONLY_FLAGGED', 'ALWAYS'] as const;
export type ReviewPolicy = (typeof reviewPolicies)[number];
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = 'ONLY_FLAGGED';

/** Flags that make an automatic association wait for finance: the money is tied, not credited. */
export const REVIEW_FLAGS: readonly MatchingFlag[] = ['THIRD_PARTY_PAYER', 'UNDERPAID', 'OVERPAID', 'CHARGES_EXCEED_TOLERANCE', 'PAID_BEFORE_ORDER'];

export interface PlannedAllocation {
  orderNo: string;
  amount: string;
  bankCharges: string | null;
}

export type MatchPlan =
  | { kind: 'ASSOCIATE'; status: 'APPROVED' | 'PROPOSED'; remittanceStatus: 'ASSOCIATED' | 'UNDER_REVIEW'; allocations: PlannedAllocation[] }
  | { kind: 'SUGGEST'; remittanceStatus: 'PENDING_ASSOCIATION' }
  | { kind: 'UNMATCHED'; remittanceStatus: 'PENDING_ASSOCIATION' };

/**
 * What the hub does with a decision:
 * - AUTO: associate; credited at once (APPROVED, remittance ASSOCIATED) unless the policy is ALWAYS
 *   or a review flag is set (PROPOSED, remittance UNDER_REVIEW).
 * - SUGGEST flagged THIRD_PARTY_PAYER whose best candidate is the only one keyed by an order number
 *   or payment id and fits exactly: the engine never auto-associates it, but it is proposed to
 *   finance (PROPOSED, UNDER_REVIEW) instead of waiting for someone to retype it.
 * - other SUGGEST and NONE: the remittance stays PENDING_ASSOCIATION in the exception queue.
 */
export function planFor(decision: MatchingDecision, remittance: { amount: string; currency: string }, policy: ReviewPolicy): MatchPlan {
  switch (decision.outcome) {
    case 'AUTO': {
      const review = policy === 'ALWAYS' || decision.flags.some((f) => REVIEW_FLAGS.includes(f));
      const allocations = decision.allocations.map((a) => ({ ...a, bankCharges: a.orderNo === decision.bankChargesOn ? decision.bankCharges : null }));
      return review ? { kind: 'ASSOCIATE', status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW', allocations } : { kind: 'ASSOCIATE', status: 'APPROVED', remittanceStatus: 'ASSOCIATED', allocations };
    }
    case 'SUGGEST': {
      const keyed = decision.candidates.filter((c) => c.signals.some((s) => (s.signal === 'ORDER_REFERENCE' || s.signal === 'PAYMENT_ID') && s.score > 0));
      const [top] = keyed;
      const proposable =
        decision.flags.includes('THIRD_PARTY_PAYER') && keyed.length === 1 && top.fit === 'EXACT' && compareAmounts(top.amount, remittance.amount) === 0;
      if (!proposable) return { kind: 'SUGGEST', remittanceStatus: 'PENDING_ASSOCIATION' };
      return { kind: 'ASSOCIATE', status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW', allocations: [{ orderNo: top.orderNo, amount: addAmounts(remittance.currency, top.amount), bankCharges: null }] };
    }
    case 'NONE':
      return { kind: 'UNMATCHED', remittanceStatus: 'PENDING_ASSOCIATION' };
  }
}
