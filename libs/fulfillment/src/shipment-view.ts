import type { ShipmentEntity, TrackingEventEntity } from './fulfillment.entities';
import { exceptionOpen, lastEventAt } from './tracking.rules';
import type { ShipmentViewDto, TrackingEventViewDto } from './shipments.dto';

type ExportBillView = ShipmentViewDto['exportBill'];

export function exportBillOf(s: ShipmentEntity): ExportBillView {
  if (s.exportMethod !== 'ONE_STOP_EXPORT') return null;
  return { billNo: s.billNo, status: s.billStatus ?? 'REQUESTED', declaredValue: s.declaredValue, currency: s.declaredCurrency, declaredAt: s.declaredAt?.toISOString() ?? null };
}

export function toTrackingEventView(e: TrackingEventEntity): TrackingEventViewDto {
  return { eventId: e.eventId, type: e.type, occurredAt: e.occurredAt.toISOString(), receivedAt: e.receivedAt.toISOString(), trackingNo: e.trackingNo, carrier: e.carrier, location: e.location, customs: e.customs };
}

/** A shipment with its tracking history sorted by when things happened (not when they arrived). */
export function toShipmentView(s: ShipmentEntity, history: TrackingEventEntity[]): ShipmentViewDto {
  return {
    shipmentNo: s.shipmentNo,
    exportMethod: s.exportMethod,
    status: s.status,
    exceptionOpen: exceptionOpen(s.tracking),
    lastEventAt: lastEventAt(s.tracking),
    milestones: s.tracking.reachedAt,
    items: s.items,
    logistics: s.logistics,
    trackingNo: s.trackingNo,
    customs: s.customs,
    exportBill: exportBillOf(s),
    declared: s.declaredValue && s.declaredCurrency ? { amount: s.declaredValue, currency: s.declaredCurrency } : null,
    history: history
      .filter((e) => e.shipmentId === s.id)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.eventId.localeCompare(b.eventId))
      .map(toTrackingEventView),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
