import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DomainError, shipmentUpdatedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { OrderEntity } from '@ereceipt/orders';
import { clearShipDateFlag } from './fulfillment-flags';
import { ShipmentEntity } from './fulfillment.entities';
import type { LogisticsEvent } from './logistics-message.rules';
import { refreshOrderFulfilment } from './refresh-order-fulfilment';
import { exportBillOf } from './shipment-view';
import { applyTracking, exceptionOpen, lastEventAt, trackingChanged } from './tracking.rules';

export type TrackingOutcome = { outcome: 'DUPLICATE' } | { outcome: 'UNATTACHED' } | { outcome: 'RECORDED'; shipmentNo: string; status: string; changed: boolean };

/**
 * One logistics event (issue 6 §2), in the inbound pipeline's transaction, on the locked order:
 * stored once per `eventId` (a re-send in another envelope changes nothing), attached to the
 * shipment with its tracking number (a shipment without one adopts it), folded into the shipment's
 * monotonic tracking state; `ereceipt.shipment.updated.v1` when that state visibly changes; the
 * order's fulfilment follows (delivered -> completion if paid). An event whose tracking number no
 * shipment has yet is kept and adopted when the shipment is created. Unknown order -> DLQ.
 */
export async function recordTrackingEvent(em: EntityManager, e: LogisticsEvent, inboundMessageId: string | null, correlationId?: string): Promise<TrackingOutcome> {
  const order = await em.findOne(OrderEntity, { orderNo: e.orderNo }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!order) throw new DomainError('FULFILLMENT.UNKNOWN_ORDER', `logistics event ${e.eventId}: order ${e.orderNo} not found`, 'not-found');
  if (order.lifecycleStatus === 'DRAFT' || order.lifecycleStatus === 'CANCELLED') {
    throw new DomainError('FULFILLMENT.ORDER_NOT_OPEN', `logistics event ${e.eventId}: order ${e.orderNo} is ${order.lifecycleStatus}`, 'conflict');
  }
  const now = new Date();
  const id = randomUUID();
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into tracking_event (id, event_id, order_id, order_no, shipment_id, tracking_no, carrier, type, occurred_at, location, customs, received_at, inbound_message_id)
     values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing returning id`,
    [id, e.eventId, order.id, order.orderNo, e.trackingNo, e.carrier, e.type, e.occurredAt, e.location, e.customs === null ? null : JSON.stringify(e.customs), now, inboundMessageId],
  );
  if (inserted.length === 0) return { outcome: 'DUPLICATE' };
  await clearShipDateFlag(em, order.id, `logistics:${e.eventId}`, now);

  const shipment =
    (await em.findOne(ShipmentEntity, { orderId: order.id, trackingNo: e.trackingNo })) ??
    (await em.findOne(ShipmentEntity, { orderId: order.id, trackingNo: null }, { orderBy: { createdAt: 'asc', shipmentNo: 'asc' } }));
  if (!shipment) return { outcome: 'UNATTACHED' };
  shipment.trackingNo ??= e.trackingNo;
  await em.execute(`update tracking_event set shipment_id = ? where id = ?`, [shipment.id, id]);
  const before = shipment.tracking;
  const after = applyTracking(before, { eventId: e.eventId, type: e.type, occurredAt: e.occurredAt });
  shipment.tracking = after;
  shipment.status = after.status;
  shipment.updatedAt = now;
  await em.flush();
  const changed = trackingChanged(before, after);
  await refreshOrderFulfilment(em, order, now, correlationId);
  if (changed) {
    const outbox = new OutboxWriter(em);
    await outbox.appendEvent(shipmentUpdatedV1, {
      key: order.orderNo,
      subject: shipment.shipmentNo,
      correlationId,
      data: {
        orderNo: order.orderNo,
        sellerId: order.sellerId,
        shipmentNo: shipment.shipmentNo,
        change: 'TRACKING',
        status: after.status,
        exceptionOpen: exceptionOpen(after),
        lastEventAt: lastEventAt(after),
        exportBill: exportBillOf(shipment),
        orderFulfilmentStatus: order.fulfilmentStatus,
        updatedAt: now.toISOString(),
      },
    });
    await outbox.notifyRelay();
  }
  return { outcome: 'RECORDED', shipmentNo: shipment.shipmentNo, status: after.status, changed };
}
