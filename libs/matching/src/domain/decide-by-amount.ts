import { inSolution, orderCombinations, partsOf } from './combinations';
import { autoDecision, type DecisionScope, noneDecision, suggestDecision } from './decision-builders';
import type { MatchingDecision, MatchingFlag, MatchingReason } from './matching-decision';
import type { Evaluation } from './order-evaluation';
import { identifyBuyerByName } from './payer-name.rules';

type PayerIdentity = { kind: 'BUYER'; buyerKey: string } | { kind: 'NONE'; reason: MatchingReason; flags: MatchingFlag[] };

/**
 * Who paid, among the buyers of the candidate orders: a payer account seen for exactly one buyer,
 * else a payer name that designates exactly one buyer. Account and name pointing at different
 * buyers, or two buyers named alike, identify nobody.
 */
export function identifyPayer(scope: DecisionScope, accountBuyers: string[]): PayerIdentity {
  const buyers = scope.evals.map((e) => e.order.buyer);
  const byName = identifyBuyerByName(scope.remittance.payer.name, buyers, scope.names);
  if (accountBuyers.length > 1) return { kind: 'NONE', reason: 'MATCHING.AMBIGUOUS_PAYER', flags: [] };
  if (accountBuyers.length === 1) {
    const conflicting = byName.kind === 'MATCH' && byName.buyerKey !== accountBuyers[0];
    return conflicting ? { kind: 'NONE', reason: 'MATCHING.AMBIGUOUS_PAYER', flags: [] } : { kind: 'BUYER', buyerKey: accountBuyers[0] };
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
 * No strong key: AUTO only when the payer is identified as a buyer and exactly one combination of
 * that buyer's open orders fits the amount (README, rules A1-A2). Otherwise suggest what fits.
 */
export function decideByAmount(scope: DecisionScope, accountBuyers: string[]): MatchingDecision {
  const payer = identifyPayer(scope, accountBuyers);
  if (payer.kind === 'NONE') {
    const fitting = scope.evals.filter(fitsAlone);
    if (fitting.length === 0) return noneDecision(scope.ruleVersion, 'MATCHING.NO_CANDIDATE', payer.flags);
    return suggestDecision(scope, payer.reason, fitting, payer.flags);
  }
  const own = scope.evals.filter((e) => e.order.buyer.key === payer.buyerKey);
  const result = orderCombinations(scope, own);
  if (result.status === 'LIMIT') {
    return suggestDecision(scope, 'MATCHING.SUBSET_LIMIT', own.filter(fitsAlone).length > 0 ? own.filter(fitsAlone) : own, ['SUBSET_LIMIT']);
  }
  if (result.solutions.length > 1) {
    return suggestDecision(scope, 'MATCHING.AMBIGUOUS_AMOUNT', inSolution(result.solutions.flat(), own), [], result.solutions);
  }
  if (result.solutions.length === 0) {
    const others = scope.evals.filter((e) => e.order.buyer.key !== payer.buyerKey && fitsAlone(e));
    return suggestDecision(scope, 'MATCHING.AMOUNT_MISMATCH', [...own, ...others]);
  }
  const parts = partsOf(result.solutions[0], own);
  if (parts.some((p) => p.evaluation.paidBeforeOrder)) {
    return suggestDecision(scope, 'MATCHING.PAID_BEFORE_ORDER', own, ['PAID_BEFORE_ORDER']);
  }
  return autoDecision(scope, parts, parts.length === 1 ? 'MATCHING.AUTO_AMOUNT_PAYER' : 'MATCHING.AUTO_SUBSET_SUM');
}
