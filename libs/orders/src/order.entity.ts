import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { addAmounts } from '@ereceipt/money';
import type { OrderDraft } from './order-input.rules';
import { exportMethods, type ExportMethod, fulfilmentStatuses, type FulfilmentStatus, type Incoterm, lifecycleStatuses, type LifecycleStatus, paymentStatuses, type PaymentStatus } from './order-status.rules';

export type OrderLine = OrderDraft['lines'][number];
/** A payment milestone; `paidAmount` grows as associated money is credited to it. */
export type OrderMilestone = OrderDraft['milestones'][number] & { paidAmount: string };

/**
 * An e-receipt order. Lines and milestones are kept as JSON documents of decimal strings (they are
 * always read and written with their order); the amounts that are queried (total, paid) are `numeric`.
 */
@Entity({ tableName: 'ereceipt_order' })
@Unique({ name: 'order_order_no_uq', properties: ['orderNo'] })
@Unique({ name: 'order_seller_external_id_uq', properties: ['sellerId', 'externalOrderId'] })
@Index({ name: 'order_seller_created_idx', properties: ['sellerId', 'createdAt'] })
export class OrderEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 100, nullable: true }) externalOrderId!: string | null;
  @Property({ type: 'text' }) buyerName!: string;
  @Property({ type: 'text' }) buyerEmail!: string;
  @Property({ type: 'string', length: 2 }) buyerCountry!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) total!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) paidAmount!: string;
  @Property({ type: 'json' }) lines!: OrderLine[];
  @Property({ type: 'json' }) milestones!: OrderMilestone[];
  @Property({ type: 'string', length: 3 }) incoterm!: Incoterm;
  @Property({ type: 'string', columnType: 'date' }) expectedShipDate!: string;
  @Enum({ items: [...exportMethods], type: 'string' }) exportMethod!: ExportMethod;
  @Enum({ items: [...lifecycleStatuses], type: 'string' }) lifecycleStatus!: LifecycleStatus;
  @Enum({ items: [...paymentStatuses], type: 'string' }) paymentStatus!: PaymentStatus;
  @Enum({ items: [...fulfilmentStatuses], type: 'string' }) fulfilmentStatus!: FulfilmentStatus;
  @Property({ type: 'text', nullable: true }) cancelReason!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  /** When the order completed (fully paid and delivered, or receipt confirmed by the buyer); starts the evaluation window. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) completedAt: Date | null = null;
}

/** The order's content back as a validated draft (for edits and events). */
export function draftOf(o: OrderEntity): OrderDraft {
  return {
    externalOrderId: o.externalOrderId,
    buyer: { name: o.buyerName, email: o.buyerEmail, country: o.buyerCountry },
    currency: o.currency,
    lines: o.lines,
    milestones: o.milestones.map(({ kind, amount, dueDate, preShipment }) => ({ kind, amount, dueDate, preShipment })),
    total: o.total,
    incoterm: o.incoterm,
    expectedShipDate: o.expectedShipDate,
    exportMethod: o.exportMethod,
  };
}

/** Writes a validated draft's content onto the order (paid amounts of milestones kept by index). */
export function assignDraft(o: OrderEntity, d: OrderDraft): void {
  const zero = addAmounts(d.currency);
  const keepPaid = o.currency === d.currency;
  o.externalOrderId = d.externalOrderId;
  o.buyerName = d.buyer.name;
  o.buyerEmail = d.buyer.email;
  o.buyerCountry = d.buyer.country;
  if (!keepPaid) o.paidAmount = zero;
  o.currency = d.currency;
  o.total = d.total;
  o.lines = d.lines;
  o.milestones = d.milestones.map((m, i) => ({ ...m, paidAmount: (keepPaid ? o.milestones?.[i]?.paidAmount : undefined) ?? zero }));
  o.incoterm = d.incoterm;
  o.expectedShipDate = d.expectedShipDate;
  o.exportMethod = d.exportMethod;
}
