import { inSolution, orderCombinations, partsOf } from './combinations';
import { autoDecision, type DecisionScope, suggestDecision } from './decision-builders';
import type { MatchingDecision, MatchingFlag, MatchingReason } from './matching-decision';
import type { Evaluation } from './order-evaluation';

/**
 * A strong key (order number quoted, or a UETR/EndToEndId already seen) designates the orders.
 * AUTO when the payer is the buyer of each, nothing is dated before the order, and the amount fits
 * (README, rules K1-K4).
 */
export function decideByKey(scope: DecisionScope, keyed: Evaluation[], autoReason: MatchingReason): MatchingDecision {
  const others = scope.evals.filter((e) => !keyed.includes(e));
  if (keyed.some((e) => !e.payerIsBuyer)) {
    const unknown = !scope.remittance.payer.name && !scope.remittance.payer.account;
    return suggestDecision(scope, unknown ? 'MATCHING.PAYER_UNKNOWN' : 'MATCHING.THIRD_PARTY_PAYER', scope.evals, unknown ? [] : ['THIRD_PARTY_PAYER']);
  }
  if (keyed.some((e) => e.paidBeforeOrder)) {
    return suggestDecision(scope, 'MATCHING.PAID_BEFORE_ORDER', scope.evals, ['PAID_BEFORE_ORDER']);
  }
  if (keyed.length > 1) return decideSeveral(scope, keyed);

  const [e] = keyed;
  switch (e.fit.kind) {
    case 'EXACT':
    case 'CHARGES':
      return autoDecision(scope, [{ evaluation: e, target: e.fit.target }], autoReason);
    case 'PARTIAL': {
      // A typo in the reference could point at the wrong order; if another order fits the amount, ask.
      if (others.some((o) => o.fit.kind === 'EXACT' || o.fit.kind === 'CHARGES')) {
        return suggestDecision(scope, 'MATCHING.CONFLICTING_SIGNALS', scope.evals, ['UNDERPAID']);
      }
      const flags: MatchingFlag[] = e.fit.chargesExceeded ? ['UNDERPAID', 'CHARGES_EXCEED_TOLERANCE'] : ['UNDERPAID'];
      return autoDecision(scope, [{ evaluation: e, target: scope.payment.net }], autoReason, flags);
    }
    case 'OVERPAID':
      return decideOverpaid(scope, e, autoReason);
  }
}

/** Several orders quoted: exactly one combination of them must fit. */
function decideSeveral(scope: DecisionScope, keyed: Evaluation[]): MatchingDecision {
  const result = orderCombinations(scope, keyed);
  if (result.status === 'LIMIT') return suggestDecision(scope, 'MATCHING.SUBSET_LIMIT', keyed, ['SUBSET_LIMIT']);
  if (result.solutions.length === 1) {
    return autoDecision(scope, partsOf(result.solutions[0], keyed), 'MATCHING.AUTO_ORDER_REFS');
  }
  const reason = result.solutions.length === 0 ? 'MATCHING.AMOUNT_MISMATCH' : 'MATCHING.AMBIGUOUS_AMOUNT';
  return suggestDecision(scope, reason, keyed, [], result.solutions);
}

/**
 * More than the quoted order owes: perhaps the buyer paid other orders of theirs too and quoted one.
 * A unique combination with the quoted order wins; none keeps the excess as credit on that order.
 */
function decideOverpaid(scope: DecisionScope, e: Evaluation, autoReason: MatchingReason): MatchingDecision {
  const sameBuyer = scope.evals.filter((o) => o.order.buyer.key === e.order.buyer.key && o.payerIsBuyer && !o.paidBeforeOrder);
  const result = orderCombinations(scope, sameBuyer, e.order.orderNo);
  if (result.status === 'LIMIT') return suggestDecision(scope, 'MATCHING.SUBSET_LIMIT', sameBuyer, ['SUBSET_LIMIT', 'OVERPAID']);
  if (result.solutions.length === 1) {
    return autoDecision(scope, partsOf(result.solutions[0], sameBuyer), 'MATCHING.AUTO_SUBSET_SUM');
  }
  if (result.solutions.length > 1) {
    const involved = inSolution(result.solutions.flat(), sameBuyer);
    return suggestDecision(scope, 'MATCHING.AMBIGUOUS_AMOUNT', involved, ['OVERPAID'], result.solutions);
  }
  return autoDecision(scope, [{ evaluation: e, target: e.fit.target }], autoReason);
}
