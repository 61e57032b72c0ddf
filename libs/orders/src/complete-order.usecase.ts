import type { EntityManager } from '@mikro-orm/postgresql';
import { orderCompletedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import type { OrderEntity } from './order.entity';
import { decide } from './order-state.rules';

export type CompletionReason = 'PAID_AND_DELIVERED' | 'RECEIPT_CONFIRMED';

/**
 * Completes an order that is fully paid and delivered (docs/domain.md §4), inside the caller's
 * transaction, on an order the caller has loaded and locked. Called wherever one of the two
 * conditions becomes true: delivery recorded (fulfillment: logistics events, the buyer's receipt
 * confirmation) and payment recorded (matching). Returns false, changing nothing, while the order is
 * not finished or already closed, so every caller may simply call it: the second call is a no-op.
 * Sets `completedAt` (opens the evaluation window) and writes `ereceipt.order.completed.v1`.
 */
export async function completeIfFinished(em: EntityManager, order: OrderEntity, reason: CompletionReason = 'PAID_AND_DELIVERED', now = new Date()): Promise<boolean> {
  const next = decide({ lifecycle: order.lifecycleStatus, payment: order.paymentStatus, fulfilment: order.fulfilmentStatus }, 'COMPLETE');
  if (!next.ok) return false;
  order.lifecycleStatus = 'COMPLETED';
  order.completedAt = now;
  order.updatedAt = now;
  await em.flush();
  const outbox = new OutboxWriter(em);
  await outbox.appendEvent(orderCompletedV1, {
    key: order.orderNo,
    data: {
      orderNo: order.orderNo,
      sellerId: order.sellerId,
      externalOrderId: order.externalOrderId,
      reason,
      currency: order.currency,
      total: order.total,
      paidAmount: order.paidAmount,
      completedAt: now.toISOString(),
    },
  });
  await outbox.notifyRelay();
  return true;
}
