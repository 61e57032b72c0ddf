import type { EntityManager } from '@mikro-orm/postgresql';
import { orderShippedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { completeIfFinished, type OrderEntity } from '@ereceipt/orders';
import { ShipmentEntity } from './fulfillment.entities';
import { fulfilmentStatusOf } from './fulfilment.rules';

/**
 * Derives the order's fulfilment status from its shipments (never backwards), in the caller's
 * transaction on the locked order: `ereceipt.order.shipped.v1` once, when everything ordered is in
 * a shipment; and on delivery, completion if the order is also fully paid.
 */
export async function refreshOrderFulfilment(em: EntityManager, order: OrderEntity, now: Date, correlationId?: string): Promise<void> {
  const shipments = await em.find(ShipmentEntity, { orderId: order.id }, { orderBy: { createdAt: 'asc', shipmentNo: 'asc' } });
  const before = order.fulfilmentStatus;
  const after = fulfilmentStatusOf(order.lines.map((l) => l.quantity), shipments, before);
  if (after === before) return;
  order.fulfilmentStatus = after;
  order.updatedAt = now;
  await em.flush();
  if ((before === 'NOT_SHIPPED' || before === 'PARTLY_SHIPPED') && (after === 'SHIPPED' || after === 'DELIVERED')) {
    const outbox = new OutboxWriter(em);
    await outbox.appendEvent(orderShippedV1, {
      key: order.orderNo,
      correlationId,
      data: { orderNo: order.orderNo, sellerId: order.sellerId, externalOrderId: order.externalOrderId, shipments: shipments.map((s) => s.shipmentNo), shippedAt: now.toISOString() },
    });
    await outbox.notifyRelay();
  }
  if (after === 'DELIVERED') await completeIfFinished(em, order, 'PAID_AND_DELIVERED', now);
}
