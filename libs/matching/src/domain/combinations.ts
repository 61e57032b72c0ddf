import { prefixTargets } from './amount-fit.rules';
import { fitTarget, fitUpperBound, type PaymentAmounts } from './charge-tolerance.rules';
import type { AutoPart, DecisionScope } from './decision-builders';
import type { Evaluation } from './order-evaluation';
import { findCombinations, type SubsetPart, type SubsetResult } from './subset-sum.rules';

/**
 * How a combination must fit: KEYED (the orders were named: bank charges within tolerance explain
 * a shortfall) or AMOUNT_ONLY (nothing but the amount designates them: the tolerance applies only
 * when the message shows the charges, 33B or 71F, and then the gross must be exact).
 */
export type FitMode = 'KEYED' | 'AMOUNT_ONLY';

const NO_TOLERANCE = { percent: '0', absolute: '0' };

export function paymentFor(payment: PaymentAmounts, mode: FitMode): PaymentAmounts {
  return mode === 'AMOUNT_ONLY' && payment.gross === null ? { ...payment, policy: NO_TOLERANCE } : payment;
}

/**
 * Every combination of these orders (each settling nothing or a prefix of its open milestones) whose
 * total the payment settles exactly or short by bank charges within tolerance.
 */
export function orderCombinations(scope: DecisionScope, evals: Evaluation[], required: string | null = null, mode: FitMode = 'KEYED'): SubsetResult {
  const payment = paymentFor(scope.payment, mode);
  const items = evals.map((e) => ({ id: e.order.orderNo, options: prefixTargets(e.order), required: e.order.orderNo === required }));
  return findCombinations(items, { lower: payment.net, upper: fitUpperBound(payment) }, (sum) => fitTarget(sum, payment) !== null);
}

export function partsOf(solution: SubsetPart[], evals: Evaluation[]): AutoPart[] {
  return solution.map((p) => ({ evaluation: evals.find((e) => e.order.orderNo === p.id)!, target: p.value }));
}

export function inSolution(solution: SubsetPart[], evals: Evaluation[]): Evaluation[] {
  const ids = new Set(solution.map((p) => p.id));
  return evals.filter((e) => ids.has(e.order.orderNo));
}
