import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { OrderEntity, orderNotFound, sellerScope } from '@ereceipt/orders';
import { declaredGoodsValue } from './declared-goods-value';
import { FulfillmentFlagEntity, ReceiptConfirmationEntity, ShipmentEntity, TrackingEventEntity } from './fulfillment.entities';
import { shippedPerLine } from './shipment-input.rules';
import { toShipmentView, toTrackingEventView } from './shipment-view';
import type { OrderShipmentsDto } from './shipments.dto';

/** `GET /orders/{orderNo}/shipments`: shipments with their tracking history, progress per line, the declared value, flags. */
@Injectable()
export class ShipmentQueries {
  constructor(private readonly orm: MikroORM) {}

  async forOrder(orderNo: string, principal: Principal): Promise<OrderShipmentsDto> {
    const em = this.orm.em.fork();
    const order = await em.findOne(OrderEntity, { orderNo, ...sellerScope(principal) });
    if (!order) throw orderNotFound(orderNo);
    const shipments = await em.find(ShipmentEntity, { orderId: order.id }, { orderBy: { createdAt: 'asc', shipmentNo: 'asc' } });
    const events = await em.find(TrackingEventEntity, { orderId: order.id }, { orderBy: { occurredAt: 'asc', eventId: 'asc' } });
    const flags = await em.find(FulfillmentFlagEntity, { orderId: order.id }, { orderBy: { raisedAt: 'asc' } });
    const receipt = await em.findOne(ReceiptConfirmationEntity, { orderId: order.id });
    const shipped = shippedPerLine(order.lines.length, shipments);
    return {
      orderNo,
      exportMethod: order.exportMethod,
      fulfilmentStatus: order.fulfilmentStatus,
      lifecycleStatus: order.lifecycleStatus,
      lines: order.lines.map((l, i) => ({ line: i, ordered: l.quantity, shipped: shipped[i] ?? 0, left: l.quantity - (shipped[i] ?? 0) })),
      shipments: shipments.map((s) => toShipmentView(s, events)),
      unattachedEvents: events.filter((e) => e.shipmentId === null).map(toTrackingEventView),
      declaredGoodsValue: await declaredGoodsValue(em, order.id),
      flags: flags.map((f) => ({ kind: f.kind, raisedAt: f.raisedAt.toISOString(), clearedAt: f.clearedAt?.toISOString() ?? null, open: f.clearedAt === null })),
      receiptConfirmedAt: receipt?.confirmedAt.toISOString() ?? null,
    };
  }
}
