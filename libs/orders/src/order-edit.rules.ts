import { DomainError } from '@ereceipt/contracts';
import { compareAmounts } from '@ereceipt/money';
import type { OrderDraft, OrderInput } from './order-input.rules';
import type { LifecycleStatus } from './order-status.rules';

export type OrderPatch = Partial<Omit<OrderInput, 'externalOrderId'>>;

/**
 * What may change when (documented in libs/orders/README.md):
 * - DRAFT: everything but the seller and the order number;
 * - SUBMITTED, CONFIRMED: only `expectedShipDate` and the milestones' `dueDate` (the buyer was
 *   told the amounts; changing them means cancelling and drafting again while nothing is paid);
 * - COMPLETED, CANCELLED: nothing.
 * Returns the merged input (to be validated again), or throws 409 naming the first frozen field.
 */
export function applyPatch(current: OrderDraft, lifecycle: LifecycleStatus, patch: OrderPatch): OrderInput {
  const merged: OrderInput = { ...current, ...stripUndefined(patch) };
  if (lifecycle === 'DRAFT') return merged;
  if (lifecycle === 'COMPLETED' || lifecycle === 'CANCELLED') throw frozen('order', `a ${lifecycle} order cannot be changed`);
  for (const key of Object.keys(stripUndefined(patch)) as Array<keyof OrderPatch>) {
    if (key === 'expectedShipDate') continue;
    if (key === 'milestones') {
      checkMilestones(current, patch.milestones ?? []);
      continue;
    }
    if (JSON.stringify(patch[key]) !== JSON.stringify(current[key])) throw frozen(key, `${key} cannot change after submission (only expectedShipDate and milestone due dates can)`);
  }
  return merged;
}

function checkMilestones(current: OrderDraft, next: OrderInput['milestones']): void {
  if (!Array.isArray(next) || next.length !== current.milestones.length) throw frozen('milestones', 'milestones cannot be added or removed after submission');
  next.forEach((m, i) => {
    const was = current.milestones[i];
    if (m.kind !== was.kind) throw frozen(`milestones[${i}].kind`, `milestones[${i}].kind cannot change after submission`);
    if (m.preShipment !== was.preShipment) throw frozen(`milestones[${i}].preShipment`, `milestones[${i}].preShipment cannot change after submission`);
    if (typeof m.amount !== 'string' || !/^\d+(\.\d+)?$/.test(m.amount) || compareAmounts(m.amount, was.amount) !== 0) {
      throw frozen(`milestones[${i}].amount`, `milestones[${i}].amount cannot change after submission`);
    }
  });
}

function stripUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function frozen(field: string, message: string): DomainError<'ORDERS.FIELD_FROZEN'> {
  return new DomainError('ORDERS.FIELD_FROZEN', message, 'conflict', { field });
}
