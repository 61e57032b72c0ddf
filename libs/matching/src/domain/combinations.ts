import { prefixTargets } from './amount-fit.rules';
import { fitTarget, fitUpperBound } from './charge-tolerance.rules';
import type { AutoPart, DecisionScope } from './decision-builders';
import type { Evaluation } from './order-evaluation';
import { findCombinations, type SubsetPart, type SubsetResult } from './subset-sum.rules';

/**
 * Every combination of these orders (each settling nothing or a prefix of its open milestones) whose
 * total the payment settles exactly or short by bank charges within tolerance.
 */
export function orderCombinations(scope: DecisionScope, evals: Evaluation[], required: string | null = null): SubsetResult {
  const items = evals.map((e) => ({ id: e.order.orderNo, options: prefixTargets(e.order), required: e.order.orderNo === required }));
  return findCombinations(items, { lower: scope.payment.net, upper: fitUpperBound(scope.payment) }, (sum) => fitTarget(sum, scope.payment) !== null);
}

export function partsOf(solution: SubsetPart[], evals: Evaluation[]): AutoPart[] {
  return solution.map((p) => ({ evaluation: evals.find((e) => e.order.orderNo === p.id)!, target: p.value }));
}

export function inSolution(solution: SubsetPart[], evals: Evaluation[]): Evaluation[] {
  const ids = new Set(solution.map((p) => p.id));
  return evals.filter((e) => ids.has(e.order.orderNo));
}
