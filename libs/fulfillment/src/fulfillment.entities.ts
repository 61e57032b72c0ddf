import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { CustomsDeclaration, Logistics, ShipmentItem } from './shipment-input.rules';
import { shipmentStatuses, type ShipmentStatus, type TrackingEventType, type TrackingState } from './tracking.rules';

/**
 * A shipment of (part of) an order. `tracking` is the folded state of the logistics events attached
 * to it (tracking.rules.ts); the events themselves are in `tracking_event`. The declared value is
 * the customs declaration's (SELF_EXPORT) or the one-stop export bill's (ONE_STOP_EXPORT), in its
 * own currency; `declaredGoodsValue` converts it to the order's.
 */
@Entity({ tableName: 'shipment' })
@Unique({ name: 'shipment_shipment_no_uq', properties: ['shipmentNo'] })
@Index({ name: 'shipment_order_idx', properties: ['orderId'] })
@Index({ name: 'shipment_bill_no_idx', properties: ['billNo'] })
export class ShipmentEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  /** `<orderNo>-S<n>`, n from 1 per order. */
  @Property({ type: 'string', length: 40 }) shipmentNo!: string;
  @Property({ type: 'string', length: 20 }) exportMethod!: 'SELF_EXPORT' | 'ONE_STOP_EXPORT';
  @Property({ type: 'json' }) items!: ShipmentItem[];
  @Property({ type: 'json', nullable: true }) logistics!: Logistics | null;
  /** The tracking number events are matched on (the logistics one, or adopted from the first event of a shipment that had none). */
  @Property({ type: 'string', length: 200, nullable: true }) trackingNo!: string | null;
  @Property({ type: 'json', nullable: true }) customs!: CustomsDeclaration | null;
  @Property({ type: 'string', length: 100, nullable: true }) billNo!: string | null;
  /** REQUESTED while a draft is awaited, else the one-stop service's status; null for SELF_EXPORT. */
  @Property({ type: 'string', length: 40, nullable: true }) billStatus!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true }) declaredValue!: string | null;
  @Property({ type: 'string', length: 3, nullable: true }) declaredCurrency!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) declaredAt!: Date | null;
  @Enum({ items: [...shipmentStatuses], type: 'string' }) status!: ShipmentStatus;
  @Property({ type: 'json' }) tracking!: TrackingState;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}

/**
 * Every logistics event received, once per `eventId` (unique: the same event re-sent in another
 * envelope is still one event). `shipmentId` is null while no shipment of the order carries its
 * tracking number yet; the shipment adopts it when it is created.
 */
@Entity({ tableName: 'tracking_event' })
@Unique({ name: 'tracking_event_event_id_uq', properties: ['eventId'] })
@Index({ name: 'tracking_event_order_idx', properties: ['orderId', 'occurredAt'] })
export class TrackingEventEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'string', length: 200 }) eventId!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'uuid', nullable: true }) shipmentId!: string | null;
  @Property({ type: 'string', length: 200 }) trackingNo!: string;
  @Property({ type: 'string', length: 200 }) carrier!: string;
  @Property({ type: 'string', length: 20 }) type!: TrackingEventType;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) occurredAt!: Date;
  @Property({ type: 'text', nullable: true }) location!: string | null;
  @Property({ type: 'json', nullable: true }) customs!: Record<string, unknown> | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) receivedAt!: Date;
  @Property({ type: 'bigint', nullable: true }) inboundMessageId!: string | null;
}

/**
 * A fulfillment flag on an order that holds its crediting while open (`clearedAt` null). Funds read
 * it with `creditingHeld(em, orderId)`. One row per order and kind: raising it twice is a no-op.
 */
@Entity({ tableName: 'fulfillment_flag' })
@Unique({ name: 'fulfillment_flag_order_kind_uq', properties: ['orderId', 'kind'] })
export class FulfillmentFlagEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'string', length: 40 }) kind!: 'SHIP_DATE_MISSED';
  @Property({ type: 'string', columnType: 'date' }) expectedShipDate!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) raisedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) clearedAt!: Date | null;
  @Property({ type: 'text', nullable: true }) clearedBy!: string | null;
}

/** The buyer confirmed receipt of the goods on the signed page (time and source address). */
@Entity({ tableName: 'receipt_confirmation' })
@Unique({ name: 'receipt_confirmation_order_uq', properties: ['orderId'] })
export class ReceiptConfirmationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) confirmedAt!: Date;
  @Property({ type: 'string', length: 64 }) sourceAddress!: string;
  @Property({ type: 'text', nullable: true }) userAgent!: string | null;
}
