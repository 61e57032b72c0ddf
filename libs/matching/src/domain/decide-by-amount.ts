import { prefixTargets } from './amount-fit.rules';
import { expectedCoincidences, isLikelyCoincidence, MAX_AMOUNT_ONLY_ORDERS } from './coincidence.rules';
import { inSolution, orderCombinations, partsOf, paymentFor } from './combinations';
import { autoDecision, type DecisionScope, noneDecision, suggestDecision, suggestRanked } from './decision-builders';
import type { MatchingDecision, MatchingFlag, MatchingReason } from './matching-decision';
import type { Evaluation } from './order-evaluation';
import { identifyBuyerByName } from './payer-name.rules';

type PayerIdentity = { kind: 'BUYER'; buyerKey: string } | { kind: 'NONE'; reason: MatchingReason; flags: MatchingFlag[] };

/**
 * Who paid, among the buyers of the candidate orders. Both signals are weighed, and any
 * disagreement identifies nobody:
 * - a payer account seen for one buyer: that buyer, if the name (when there is one) designates it
 *   too or is an alias a person confirmed; a name designating another buyer is AMBIGUOUS_PAYER, a
 *   name designating nobody PAYER_NAME_MISMATCH (a third party paying from the buyer's account);
 * - no known account: the one buyer the name designates (tie guard; legal forms tell companies apart).
 */
export function identifyPayer(scope: DecisionScope, accountBuyers: string[]): PayerIdentity {
  const buyers = scope.evals.map((e) => e.order.buyer);
  const byName = identifyBuyerByName(scope.remittance.payer.name, buyers, scope.names);
  if (accountBuyers.length > 1) return { kind: 'NONE', reason: 'MATCHING.AMBIGUOUS_PAYER', flags: [] };
  if (accountBuyers.length === 1) {
    const [key] = accountBuyers;
    if (byName.kind === 'NO_NAME') return { kind: 'BUYER', buyerKey: key };
    if (byName.kind === 'MATCH' && byName.buyerKey !== key) return { kind: 'NONE', reason: 'MATCHING.AMBIGUOUS_PAYER', flags: [] };
    const own = scope.evals.find((e) => e.order.buyer.key === key);
    if (own?.payer === 'MATCH') return { kind: 'BUYER', buyerKey: key };
    return { kind: 'NONE', reason: 'MATCHING.PAYER_NAME_MISMATCH', flags: ['THIRD_PARTY_PAYER'] };
  }
  switch (byName.kind) {
    case 'MATCH':
      return { kind: 'BUYER', buyerKey: byName.buyerKey };
    case 'TIE':
      return { kind: 'NONE', reason: 'MATCHING.AMBIGUOUS_PAYER', flags: [] };
    case 'NO_MATCH':
      return { kind: 'NONE', reason: 'MATCHING.THIRD_PARTY_PAYER', flags: ['THIRD_PARTY_PAYER'] };
    case 'NO_NAME':
      return { kind: 'NONE', reason: 'MATCHING.PAYER_UNKNOWN', flags: [] };
  }
}

const fitsAlone = (e: Evaluation) => e.fit.kind === 'EXACT' || e.fit.kind === 'CHARGES';

/**
 * No strong key: AUTO only when the payer is identified as a buyer, exactly one combination of at
 * most three of that buyer's open orders fits the amount exactly (README, rules A1-A2), and chance
 * would rarely produce such a fit (`coincidence.rules.ts`). Otherwise suggest what fits.
 */
export function decideByAmount(scope: DecisionScope, accountBuyers: string[]): MatchingDecision {
  const payer = identifyPayer(scope, accountBuyers);
  if (payer.kind === 'NONE') {
    const fitting = scope.evals.filter(fitsAlone);
    if (fitting.length === 0) return noneDecision(scope.ruleVersion, 'MATCHING.NO_CANDIDATE', payer.flags);
    return suggestDecision(scope, payer.reason, fitting, payer.flags);
  }
  const own = scope.evals.filter((e) => e.order.buyer.key === payer.buyerKey);
  const result = orderCombinations(scope, own, null, 'AMOUNT_ONLY');
  if (result.status === 'LIMIT') {
    return suggestDecision(scope, 'MATCHING.SUBSET_LIMIT', own.filter(fitsAlone).length > 0 ? own.filter(fitsAlone) : own, ['SUBSET_LIMIT']);
  }
  if (result.solutions.length > 1) {
    // Among many open orders, exact sums of two or three are chance: the orders whose own amount is nearest come first, the sums stay as alternatives.
    if (couldBeChance(scope, own, 1)) return suggestRanked(scope, 'MATCHING.AMBIGUOUS_AMOUNT', [own.filter(fitsAlone), own], [], result.solutions, true);
    return suggestDecision(scope, 'MATCHING.AMBIGUOUS_AMOUNT', inSolution(result.solutions.flat(), own), [], result.solutions);
  }
  if (result.solutions.length === 0) {
    // Nothing of the payer's fits exactly: theirs that fit but for unshown charges, then other buyers' orders that fit (a twin
    // company, a parent paying a subsidiary's order), then the payer's orders whose amount is nearest.
    const others = scope.evals.filter((e) => e.order.buyer.key !== payer.buyerKey && fitsAlone(e));
    return suggestRanked(scope, 'MATCHING.AMOUNT_MISMATCH', [own.filter(fitsAlone), others, own], [], [], true);
  }
  const [solution] = result.solutions;
  const parts = partsOf(solution, own);
  if (parts.some((p) => p.evaluation.paidBeforeOrder)) {
    return suggestDecision(scope, 'MATCHING.PAID_BEFORE_ORDER', own, ['PAID_BEFORE_ORDER']);
  }
  if (couldBeChance(scope, own, solution.length)) {
    return suggestDecision(scope, 'MATCHING.LIKELY_COINCIDENCE', inSolution(solution, own), [], result.solutions);
  }
  return autoDecision(scope, parts, parts.length === 1 ? 'MATCHING.AUTO_AMOUNT_PAYER' : 'MATCHING.AUTO_SUBSET_SUM');
}

/**
 * A combination of `size` of these orders found by the amount alone: too many orders for an AUTO,
 * or chance would produce a fit too often. The expected coincidences count every combination the
 * search tried, up to `MAX_AMOUNT_ONLY_ORDERS` orders (less `quoted` orders already named by the
 * buyer), whatever the size of the one found: a buyer with many open orders has some pair or triple
 * for almost any amount.
 */
export function couldBeChance(scope: DecisionScope, evals: Evaluation[], size: number, quoted = 0): boolean {
  if (size + quoted > MAX_AMOUNT_ONLY_ORDERS) return true;
  const payment = paymentFor(scope.payment, 'AMOUNT_ONLY');
  const amount = payment.gross ?? payment.net;
  return isLikelyCoincidence(expectedCoincidences(evals.map((e) => prefixTargets(e.order)), MAX_AMOUNT_ONLY_ORDERS - quoted, amount));
}
