import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DomainError, shipmentUpdatedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { OrderEntity } from '@ereceipt/orders';
import { ShipmentEntity } from './fulfillment.entities';
import type { ExportBillMessage } from './logistics-message.rules';
import { exportBillOf } from './shipment-view';
import { exceptionOpen, lastEventAt } from './tracking.rules';

export type ExportBillOutcome = { outcome: 'APPLIED' | 'UNCHANGED' | 'STALE'; shipmentNo: string };

/**
 * The one-stop export service's answer (`export.one-stop-bills`), in the pipeline's transaction on
 * the locked order: the bill goes to the shipment already carrying its number, else to the oldest
 * shipment of the order still waiting for a drafted bill. Its declared value and status are taken
 * unless an answer declared later (`declaredAt`) is already there (stale -> ignored). Unknown order,
 * an order that is not ONE_STOP_EXPORT, a bill of another order, or no shipment waiting -> DLQ.
 */
export async function recordExportBill(em: EntityManager, m: ExportBillMessage, correlationId?: string): Promise<ExportBillOutcome> {
  const order = await em.findOne(OrderEntity, { orderNo: m.orderNo }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!order) throw new DomainError('FULFILLMENT.UNKNOWN_ORDER', `export bill ${m.billNo}: order ${m.orderNo} not found`, 'not-found');
  if (order.exportMethod !== 'ONE_STOP_EXPORT') throw new DomainError('FULFILLMENT.NOT_ONE_STOP', `export bill ${m.billNo}: order ${m.orderNo} is ${order.exportMethod}`, 'conflict');
  const byNumber = await em.findOne(ShipmentEntity, { billNo: m.billNo });
  if (byNumber && byNumber.orderId !== order.id) throw new DomainError('FULFILLMENT.BILL_OF_ANOTHER_ORDER', `export bill ${m.billNo} belongs to ${byNumber.orderNo}, not ${m.orderNo}`, 'conflict');
  const shipment = byNumber ?? (await em.findOne(ShipmentEntity, { orderId: order.id, billNo: null, billStatus: 'REQUESTED' }, { orderBy: { createdAt: 'asc', shipmentNo: 'asc' } }));
  if (!shipment) throw new DomainError('FULFILLMENT.NO_SHIPMENT_FOR_BILL', `export bill ${m.billNo}: no shipment of ${m.orderNo} carries it or waits for a drafted bill`, 'conflict');

  const declaredAt = new Date(m.declaredAt);
  if (shipment.declaredAt && shipment.declaredAt.getTime() > declaredAt.getTime()) return { outcome: 'STALE', shipmentNo: shipment.shipmentNo };
  const same = shipment.billNo === m.billNo && shipment.billStatus === m.status && shipment.declaredValue === m.declaredValue && shipment.declaredCurrency === m.currency && shipment.declaredAt?.getTime() === declaredAt.getTime();
  if (same) return { outcome: 'UNCHANGED', shipmentNo: shipment.shipmentNo };
  const now = new Date();
  shipment.billNo = m.billNo;
  shipment.billStatus = m.status;
  shipment.declaredValue = m.declaredValue;
  shipment.declaredCurrency = m.currency;
  shipment.declaredAt = declaredAt;
  shipment.updatedAt = now;
  await em.flush();
  const outbox = new OutboxWriter(em);
  await outbox.appendEvent(shipmentUpdatedV1, {
    key: order.orderNo,
    subject: shipment.shipmentNo,
    correlationId,
    data: {
      orderNo: order.orderNo,
      sellerId: order.sellerId,
      shipmentNo: shipment.shipmentNo,
      change: 'EXPORT_BILL',
      status: shipment.status,
      exceptionOpen: exceptionOpen(shipment.tracking),
      lastEventAt: lastEventAt(shipment.tracking),
      exportBill: exportBillOf(shipment),
      orderFulfilmentStatus: order.fulfilmentStatus,
      updatedAt: now.toISOString(),
    },
  });
  await outbox.notifyRelay();
  return { outcome: 'APPLIED', shipmentNo: shipment.shipmentNo };
}
