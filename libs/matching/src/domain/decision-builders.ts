import type { CanonicalRemittance } from '@ereceipt/contracts';
import { fromMinorUnits } from '@ereceipt/money';
import type { PaymentAmounts } from './charge-tolerance.rules';
import type { Allocation, MatchCandidate, MatchingDecision, MatchingFlag, MatchingReason } from './matching-decision';
import type { NameMatchPolicy } from './matching-context';
import { type Evaluation, rankByDistance, rankEvaluations, SIGNAL_POINTS } from './order-evaluation';
import type { SubsetPart } from './subset-sum.rules';

export const MAX_CANDIDATES = 10;

export interface DecisionScope {
  remittance: CanonicalRemittance;
  payment: PaymentAmounts;
  ruleVersion: string;
  names: NameMatchPolicy;
  evals: Evaluation[];
}

export interface AutoPart {
  evaluation: Evaluation;
  /** Minor units this order is due to receive before charges or overpayment are applied. */
  target: bigint;
}

/**
 * AUTO: allocations add up exactly to the credited amount. A shortfall (bank charges within
 * tolerance) is taken off the largest allocation, ties to the first order number; an excess stays
 * with the (single) order and is named as credit.
 */
export function autoDecision(scope: DecisionScope, parts: AutoPart[], reason: MatchingReason, flags: MatchingFlag[] = []): MatchingDecision {
  const { net, currency } = scope.payment;
  const sorted = [...parts].sort((a, b) => (a.evaluation.order.orderNo < b.evaluation.order.orderNo ? -1 : 1));
  const amounts = sorted.map((p) => p.target);
  const diff = net - amounts.reduce((s, a) => s + a, 0n);
  const allFlags = new Set<MatchingFlag>(flags);
  let credit: Allocation | null = null;
  let bankCharges: string | null = null;
  let bankChargesOn: string | null = null;
  if (diff < 0n) {
    const largest = amounts.reduce((best, a, i) => (a > amounts[best] ? i : best), 0);
    amounts[largest] += diff;
    bankCharges = fromMinorUnits(-diff, currency);
    bankChargesOn = sorted[largest].evaluation.order.orderNo;
    allFlags.add('BANK_CHARGES');
  } else if (diff > 0n) {
    amounts[amounts.length - 1] += diff;
    credit = { orderNo: sorted[sorted.length - 1].evaluation.order.orderNo, amount: fromMinorUnits(diff, currency) };
    allFlags.add('OVERPAID');
  }
  const allocations = sorted.map((p, i) => ({ orderNo: p.evaluation.order.orderNo, amount: fromMinorUnits(amounts[i], currency) }));
  const combined = sorted.length > 1;
  const candidates = sorted.map((p, i) => toCandidate(p.evaluation, allocations[i].amount, combined));
  return { outcome: 'AUTO', reason, flags: sortFlags(allFlags), ruleVersion: scope.ruleVersion, allocations, credit, bankCharges, bankChargesOn, candidates, alternatives: [] };
}

export function suggestDecision(
  scope: DecisionScope,
  reason: MatchingReason,
  evals: Evaluation[],
  flags: MatchingFlag[] = [],
  combinations: SubsetPart[][] = [],
): MatchingDecision {
  return suggestRanked(scope, reason, [evals], flags, combinations);
}

/**
 * A suggestion whose candidates come group by group, each ranked by score (or, `byDistance`, by how
 * near its amount due is to the payment): what the reviewer should see first, first.
 */
export function suggestRanked(
  scope: DecisionScope,
  reason: MatchingReason,
  groups: Evaluation[][],
  flags: MatchingFlag[] = [],
  combinations: SubsetPart[][] = [],
  byDistance = false,
): MatchingDecision {
  const seen = new Set<Evaluation>();
  const rank = byDistance ? rankByDistance : rankEvaluations;
  const evals = groups.flatMap((g) => rank(g.filter((e) => !seen.has(e) && seen.add(e))));
  if (evals.length === 0) return noneDecision(scope.ruleVersion, reason, flags);
  const { currency, net } = scope.payment;
  const candidates = evals
    .slice(0, MAX_CANDIDATES)
    .map((e) => toCandidate(e, fromMinorUnits(net, currency), false));
  const alternatives = combinations.map((parts) => parts.map((p) => ({ orderNo: p.id, amount: fromMinorUnits(p.value, currency) })));
  return {
    outcome: 'SUGGEST',
    reason,
    flags: sortFlags(new Set(flags)),
    ruleVersion: scope.ruleVersion,
    allocations: [],
    credit: null,
    bankCharges: null,
    bankChargesOn: null,
    candidates,
    alternatives,
  };
}

export function noneDecision(ruleVersion: string, reason: MatchingReason, flags: MatchingFlag[] = []): MatchingDecision {
  const base = { ruleVersion, allocations: [], credit: null, bankCharges: null, bankChargesOn: null, candidates: [], alternatives: [] };
  return { ...base, outcome: 'NONE', reason, flags: sortFlags(new Set(flags)) };
}

function toCandidate(e: Evaluation, amount: string, inCombination: boolean): MatchCandidate {
  const signals = inCombination
    ? e.signals.map((s) => (s.signal === 'AMOUNT' ? { ...s, score: SIGNAL_POINTS.amountInCombination, detail: 'part of the only combination that fits' } : s))
    : e.signals;
  const score = signals.reduce((sum, s) => sum + s.score, 0);
  return { orderNo: e.order.orderNo, amount, score, fit: e.fit.kind, signals };
}

function sortFlags(flags: Set<MatchingFlag>): MatchingFlag[] {
  return [...flags].sort();
}
