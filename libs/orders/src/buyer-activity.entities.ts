import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const reminderTriggers = ['SUBMIT', 'RESEND'] as const;
export type ReminderTrigger = (typeof reminderTriggers)[number];

/**
 * One payment reminder sent for an order: the first one on submit, then each re-send. The rate
 * limit reads these rows (under the order's row lock); the mail itself is the `mail_outbox` row.
 */
@Entity({ tableName: 'order_reminder' })
@Unique({ name: 'order_reminder_order_seq_uq', properties: ['orderId', 'seq'] })
@Index({ name: 'order_reminder_order_created_idx', properties: ['orderId', 'createdAt'] })
export class OrderReminderEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  /** 1 for the reminder sent on submit, then 2, 3, ... */
  @Property({ type: 'integer' }) seq!: number;
  @Enum({ items: [...reminderTriggers], type: 'string' }) trigger!: ReminderTrigger;
  @Property({ type: 'text' }) toAddress!: string;
  /** Who asked: `seller:<token id>`, `admin:<token id>`, `erp:<topic>` ... */
  @Property({ type: 'text' }) requestedBy!: string;
  @Property({ type: 'uuid' }) mailId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) linkExpiresAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}

/**
 * The buyer confirmed the payment information through the signed link (docs/domain.md §2): when, and
 * from which address. One per order; withdrawals require it.
 */
@Entity({ tableName: 'payment_info_confirmation' })
export class PaymentInfoConfirmationEntity {
  @PrimaryKey({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) confirmedAt!: Date;
  /** The client address as the hub saw it (the socket, or X-Forwarded-For when TRUST_PROXY is set). */
  @Property({ type: 'string', length: 64 }) sourceAddress!: string;
  /** X-Forwarded-For as received, kept for audit even when not trusted. */
  @Property({ type: 'text', nullable: true }) forwardedFor!: string | null;
  @Property({ type: 'text', nullable: true }) userAgent!: string | null;
  /** The collection account the page showed when the buyer confirmed. */
  @Property({ type: 'string', length: 34 }) collectionAccount!: string;
}
