import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, exportBillDraftRequestedV1, shipmentCreatedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { addAmounts, convert } from '@ereceipt/money';
import { lockOrder } from '@ereceipt/orders';
import { clearShipDateFlag } from './fulfillment-flags';
import { ShipmentEntity, TrackingEventEntity } from './fulfillment.entities';
import { refreshOrderFulfilment } from './refresh-order-fulfilment';
import { checkShipment, shippedPerLine, type ShipmentRequest } from './shipment-input.rules';
import { exportBillOf, toShipmentView } from './shipment-view';
import type { ShipmentViewDto } from './shipments.dto';
import { foldTracking, initialTracking } from './tracking.rules';

/**
 * The seller ships (part of) an order (issue 6 §1), in one transaction on the locked order, so two
 * concurrent shipments can never together exceed what was ordered. SELF_EXPORT records logistics and
 * the customs declaration (its declared value); ONE_STOP_EXPORT associates an existing bill or asks
 * the one-stop service to draft one (`ereceipt.export-bill.draft-requested.v1`). Logistics events
 * that arrived before the shipment (same tracking number) are adopted. Publishes
 * `ereceipt.shipment.created.v1`, and `ereceipt.order.shipped.v1` when everything has shipped.
 */
@Injectable()
export class CreateShipment {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, req: ShipmentRequest, principal: Principal): Promise<ShipmentViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      if (order.lifecycleStatus !== 'SUBMITTED' && order.lifecycleStatus !== 'CONFIRMED') {
        throw new DomainError('FULFILLMENT.ORDER_NOT_OPEN', `order ${orderNo} is ${order.lifecycleStatus}; only submitted or confirmed orders ship`, 'conflict');
      }
      const existing = await em.find(ShipmentEntity, { orderId: order.id }, { orderBy: { createdAt: 'asc' } });
      const check = checkShipment(order.exportMethod, order.lines, shippedPerLine(order.lines.length, existing), req);
      if (!check.ok) throw new DomainError(check.code, check.issues.map((i) => `${i.field}: ${i.message}`).join('; '), check.code === 'FULFILLMENT.INVALID' ? 'invalid' : 'conflict', { issues: check.issues });
      const { plan } = check;
      if (plan.exportBill && 'billNo' in plan.exportBill) {
        const taken = await em.findOne(ShipmentEntity, { billNo: plan.exportBill.billNo });
        if (taken) throw new DomainError('FULFILLMENT.BILL_TAKEN', `exportBill.billNo: bill ${plan.exportBill.billNo} is already associated with shipment ${taken.shipmentNo}`, 'conflict');
      }

      const now = new Date();
      const trackingNo = plan.logistics?.trackingNo ?? plan.logistics?.blNo ?? null;
      const adopted = await this.eventsToAdopt(em, order.id, trackingNo);
      const tracking = foldTracking(adopted.map((e) => ({ eventId: e.eventId, type: e.type, occurredAt: e.occurredAt.toISOString() })), initialTracking);
      const shipment = em.create(ShipmentEntity, {
        id: randomUUID(),
        orderId: order.id,
        orderNo: order.orderNo,
        sellerId: order.sellerId,
        shipmentNo: `${order.orderNo}-S${existing.length + 1}`,
        exportMethod: order.exportMethod,
        items: plan.items,
        logistics: plan.logistics,
        trackingNo: trackingNo ?? adopted[0]?.trackingNo ?? null,
        customs: plan.customs,
        billNo: plan.exportBill && 'billNo' in plan.exportBill ? plan.exportBill.billNo : null,
        billStatus: plan.exportBill ? ('billNo' in plan.exportBill ? 'ASSOCIATED' : 'REQUESTED') : null,
        declaredValue: plan.customs?.declaredValue ?? null,
        declaredCurrency: plan.customs?.currency ?? null,
        declaredAt: plan.customs ? now : null,
        status: tracking.status,
        tracking,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      for (const e of adopted) e.shipmentId = shipment.id;
      if (plan.logistics || adopted.length > 0) await clearShipDateFlag(em, order.id, 'shipment', now);
      await refreshOrderFulfilment(em, order, now);

      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(shipmentCreatedV1, {
        key: order.orderNo,
        subject: shipment.shipmentNo,
        data: {
          orderNo: order.orderNo,
          sellerId: order.sellerId,
          shipmentNo: shipment.shipmentNo,
          exportMethod: order.exportMethod,
          items: plan.items,
          logistics: plan.logistics,
          customs: plan.customs,
          exportBill: exportBillOf(shipment),
          orderFulfilmentStatus: order.fulfilmentStatus,
          createdAt: now.toISOString(),
        },
      });
      if (plan.exportBill && 'requestDraft' in plan.exportBill) {
        const items = plan.items.map((i) => ({ ...i, unit: order.lines[i.line]?.unit ?? '', unitPrice: order.lines[i.line]?.unitPrice ?? '0' }));
        await outbox.appendEvent(exportBillDraftRequestedV1, {
          key: order.orderNo,
          subject: shipment.shipmentNo,
          data: {
            orderNo: order.orderNo,
            sellerId: order.sellerId,
            shipmentNo: shipment.shipmentNo,
            exporter: { sellerId: order.sellerId },
            buyer: { name: order.buyerName, country: order.buyerCountry },
            incoterm: order.incoterm,
            currency: order.currency,
            items,
            goodsValue: addAmounts(order.currency, ...items.map((i) => convert(i.unitPrice, String(i.quantity), order.currency))),
            requestedAt: now.toISOString(),
          },
        });
      }
      await outbox.notifyRelay();
      await em.flush();
      return toShipmentView(shipment, adopted);
    });
  }

  /** Events of the order no shipment has taken yet: those with this tracking number; with none given, all of them if they share one number. */
  private async eventsToAdopt(em: EntityManager, orderId: string, trackingNo: string | null): Promise<TrackingEventEntity[]> {
    const loose = await em.find(TrackingEventEntity, { orderId, shipmentId: null }, { orderBy: { occurredAt: 'asc' } });
    if (trackingNo !== null) return loose.filter((e) => e.trackingNo === trackingNo);
    return new Set(loose.map((e) => e.trackingNo)).size === 1 ? loose : [];
  }
}
