import { toMinorUnits } from '@ereceipt/money';
import { fitTarget, type PaymentAmounts, type TargetFit } from './charge-tolerance.rules';
import type { CandidateOrder } from './matching-context';
import type { AmountFitKind } from './matching-decision';

/**
 * Cumulative amounts still due on the open milestones, in payment order: [deposit, deposit+balance].
 * A payment settles milestones from the first open one on (deposit first, then balance); paying only
 * the balance while the deposit is open is not a fit.
 */
export function prefixTargets(order: CandidateOrder): bigint[] {
  const targets: bigint[] = [];
  let running = 0n;
  for (const m of order.milestones) {
    const due = toMinorUnits(m.amount, order.currency) - toMinorUnits(m.paidAmount, order.currency);
    if (due <= 0n) continue;
    running += due;
    targets.push(running);
  }
  return targets;
}

export function outstanding(order: CandidateOrder): bigint {
  const targets = prefixTargets(order);
  return targets.length === 0 ? 0n : targets[targets.length - 1];
}

export interface OrderFit {
  kind: AmountFitKind;
  /** The amount due that the payment settles (EXACT/CHARGES), or everything due otherwise. */
  target: bigint;
  /** How many open milestones it settles (0 when PARTIAL). */
  milestones: number;
  /** The payer sent an amount due, but charges took more than the tolerance (or the bearer was OUR). */
  chargesExceeded: boolean;
}

export function fitOrder(order: CandidateOrder, payment: PaymentAmounts): OrderFit {
  const targets = prefixTargets(order);
  const fits = targets.map((t) => fitTarget(t, payment));
  const pick = (kind: TargetFit) => fits.indexOf(kind);
  const exact = pick('EXACT');
  const charges = exact >= 0 ? -1 : pick('CHARGES');
  const index = exact >= 0 ? exact : charges;
  const total = outstanding(order);
  if (index >= 0) {
    return { kind: exact >= 0 ? 'EXACT' : 'CHARGES', target: targets[index], milestones: index + 1, chargesExceeded: false };
  }
  const chargesExceeded = payment.gross !== null && payment.gross !== payment.net && targets.includes(payment.gross);
  const kind: AmountFitKind = payment.net > total ? 'OVERPAID' : 'PARTIAL';
  return { kind, target: total, milestones: 0, chargesExceeded };
}
