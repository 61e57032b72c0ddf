import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { completeIfFinished, OrderEntity } from '@ereceipt/orders';
import { ReceiptConfirmationEntity } from './fulfillment.entities';

/**
 * The backstop for completion: orders that are PAID and DELIVERED but still open (the payment landed
 * after the delivery, and the payments side did not complete them itself) are completed, each on
 * its locked row (`skip locked`: an order another transaction is changing is left to the next run).
 * Idempotent: a completed order is no longer selected, and `completeIfFinished` re-checks the rule.
 */
export async function completeFinishedOrders(em: EntityManager, now: Date, limit = 500): Promise<string[]> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<Array<{ id: string }>>(
      `select id from ereceipt_order
        where lifecycle_status in ('SUBMITTED', 'CONFIRMED') and payment_status = 'PAID' and fulfilment_status = 'DELIVERED'
        order by order_no limit ? for update skip locked`,
      [limit],
    );
    if (rows.length === 0) return [];
    const orders = await tx.find(OrderEntity, { id: { $in: rows.map((r) => r.id) } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { orderNo: 'asc' } });
    const receipts = new Set((await tx.find(ReceiptConfirmationEntity, { orderId: { $in: rows.map((r) => r.id) } })).map((r) => r.orderId));
    const completed: string[] = [];
    for (const order of orders) {
      if (await completeIfFinished(tx, order, receipts.has(order.id) ? 'RECEIPT_CONFIRMED' : 'PAID_AND_DELIVERED', now)) completed.push(order.orderNo);
    }
    return completed;
  });
}
