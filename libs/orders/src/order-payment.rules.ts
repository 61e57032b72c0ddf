import { addAmounts, compareAmounts, subtractAmounts } from '@ereceipt/money';
import type { PaymentStatus } from './order-status.rules';

export interface MilestoneAmounts {
  amount: string;
  paidAmount: string;
}

/**
 * Money associated to an order, from every live association (the association store is the source of
 * truth, so applying and reversing are the same computation): `paid` is the money itself, `settled`
 * what it settles on the milestones (paid plus any shortfall accepted as bank charges, docs/domain.md §3).
 */
export interface OrderPaymentTotals {
  paid: string;
  settled: string;
}

/**
 * Milestones are settled in payment order (deposit first, then balance): each takes what is left of
 * `settled`, up to its amount. What is left after the last one is an overpayment kept as a credit
 * (it stays in the order's `paidAmount`, never in a milestone).
 */
export function fillMilestones<M extends MilestoneAmounts>(milestones: readonly M[], settled: string, currency: string): M[] {
  let left = addAmounts(currency, settled);
  return milestones.map((m) => {
    const take = compareAmounts(left, m.amount) >= 0 ? addAmounts(currency, m.amount) : compareAmounts(left, '0') > 0 ? left : addAmounts(currency);
    left = subtractAmounts(currency, left, take);
    return { ...m, paidAmount: take };
  });
}

/** PAID when every milestone is settled, PARTLY_PAID when any money is on the order, else UNPAID. */
export function paymentStatusOf(milestones: readonly MilestoneAmounts[], paid: string): PaymentStatus {
  if (milestones.length > 0 && milestones.every((m) => compareAmounts(m.paidAmount, m.amount) >= 0)) return 'PAID';
  return compareAmounts(paid, '0') > 0 || milestones.some((m) => compareAmounts(m.paidAmount, '0') > 0) ? 'PARTLY_PAID' : 'UNPAID';
}
