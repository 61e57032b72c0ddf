import { couldBeChance } from './decide-by-amount';
import { inSolution, orderCombinations, partsOf } from './combinations';
import { autoDecision, type DecisionScope, suggestDecision, suggestRanked } from './decision-builders';
import type { MatchingDecision, MatchingFlag, MatchingReason } from './matching-decision';
import type { Evaluation } from './order-evaluation';
import { typoNeighbours } from './order-reference.rules';

const fitsAlone = (e: Evaluation) => e.fit.kind === 'EXACT' || e.fit.kind === 'CHARGES';

/**
 * A strong key (order number quoted, or a UETR/EndToEndId already seen) designates the orders.
 * AUTO when the payer is the buyer of each (name and account agree), nothing is dated before the
 * order, and the amount fits (README, rules K0-K4). A quoted number that does not fit, where an
 * order one typing error away does, is a typo (REFERENCE_TYPO), never another order.
 */
export function decideByKey(scope: DecisionScope, keyed: Evaluation[], autoReason: MatchingReason): MatchingDecision {
  const others = scope.evals.filter((e) => !keyed.includes(e));
  if (keyed.some((e) => !e.payerIsBuyer)) {
    const typo = typoFits(scope, keyed);
    if (typo.length > 0) return suggestRanked(scope, 'MATCHING.REFERENCE_TYPO', [typo, keyed]);
    if (keyed.every((e) => e.payer === 'UNKNOWN')) return suggestDecision(scope, 'MATCHING.PAYER_UNKNOWN', scope.evals);
    const reason: MatchingReason = keyed.some((e) => e.payer === 'NAME_MISMATCH')
      ? 'MATCHING.PAYER_NAME_MISMATCH'
      : keyed.some((e) => e.payer === 'ACCOUNT_MISMATCH')
        ? 'MATCHING.PAYER_ACCOUNT_MISMATCH'
        : 'MATCHING.THIRD_PARTY_PAYER';
    return suggestDecision(scope, reason, scope.evals, ['THIRD_PARTY_PAYER']);
  }
  if (keyed.some((e) => e.paidBeforeOrder)) {
    return suggestDecision(scope, 'MATCHING.PAID_BEFORE_ORDER', scope.evals, ['PAID_BEFORE_ORDER']);
  }
  if (keyed.length > 1) return decideSeveral(scope, keyed);

  const [e] = keyed;
  if (e.fit.kind === 'PARTIAL' || e.fit.kind === 'OVERPAID') {
    const typo = typoFits(scope, keyed);
    if (typo.length > 0) return suggestRanked(scope, 'MATCHING.REFERENCE_TYPO', [typo, [e]]);
  }
  switch (e.fit.kind) {
    case 'EXACT':
    case 'CHARGES':
      return autoDecision(scope, [{ evaluation: e, target: e.fit.target }], autoReason);
    case 'PARTIAL': {
      // A typo in the reference could point at the wrong order; if another order fits the amount, ask.
      if (others.some(fitsAlone)) {
        return suggestDecision(scope, 'MATCHING.CONFLICTING_SIGNALS', scope.evals, ['UNDERPAID']);
      }
      const flags: MatchingFlag[] = e.fit.chargesExceeded ? ['UNDERPAID', 'CHARGES_EXCEED_TOLERANCE'] : ['UNDERPAID'];
      return autoDecision(scope, [{ evaluation: e, target: scope.payment.net }], autoReason, flags);
    }
    case 'OVERPAID':
      return decideOverpaid(scope, e, autoReason);
  }
}

/**
 * Orders one typing error away from a quoted one (an adjacent transposition or one wrong digit)
 * whose buyer is the payer and whose amount fits: what the buyer most likely meant.
 */
function typoFits(scope: DecisionScope, keyed: Evaluation[]): Evaluation[] {
  const near = new Set(keyed.flatMap((e) => typoNeighbours(e.order.orderNo)));
  return scope.evals.filter((o) => near.has(o.order.orderNo) && !keyed.includes(o) && o.payerIsBuyer && fitsAlone(o));
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
 * A unique combination with the quoted order wins, if chance would rarely produce the part that
 * rests on the amount alone (the other orders); none keeps the excess as credit on that order.
 */
function decideOverpaid(scope: DecisionScope, e: Evaluation, autoReason: MatchingReason): MatchingDecision {
  const sameBuyer = scope.evals.filter((o) => o.order.buyer.key === e.order.buyer.key && o.payerIsBuyer && !o.paidBeforeOrder);
  const result = orderCombinations(scope, sameBuyer, e.order.orderNo, 'AMOUNT_ONLY');
  if (result.status === 'LIMIT') return suggestDecision(scope, 'MATCHING.SUBSET_LIMIT', sameBuyer, ['SUBSET_LIMIT', 'OVERPAID']);
  if (result.solutions.length === 1) {
    const [solution] = result.solutions;
    const rest = sameBuyer.filter((o) => o !== e);
    if (couldBeChance(scope, rest, solution.length - 1, 1)) {
      return suggestDecision(scope, 'MATCHING.LIKELY_COINCIDENCE', inSolution(solution, sameBuyer), ['OVERPAID'], result.solutions);
    }
    return autoDecision(scope, partsOf(solution, sameBuyer), 'MATCHING.AUTO_SUBSET_SUM');
  }
  if (result.solutions.length > 1) {
    const involved = inSolution(result.solutions.flat(), sameBuyer);
    return suggestDecision(scope, 'MATCHING.AMBIGUOUS_AMOUNT', involved, ['OVERPAID'], result.solutions);
  }
  return autoDecision(scope, [{ evaluation: e, target: e.fit.target }], autoReason);
}
