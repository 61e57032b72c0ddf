import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type MailStatus = 'PENDING' | 'SENT' | 'FAILED';

/** A file sent with a mail (e.g. the daily reconciliation XLSX), kept base64 in the row so a re-send is the same bytes. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/**
 * Outgoing e-mails, written in the transaction of the change that causes them (an order submitted,
 * a reminder asked for) and delivered by `MailRelayService`. `dedupe_key` says which mail this is
 * (`payment-reminder:EO-2026-000123:3`), so running the same use case twice queues it once.
 * `FAILED` rows are kept: an operator can set them back to `PENDING`.
 */
@Entity({ tableName: 'mail_outbox' })
@Index({ name: 'mail_outbox_due_idx', expression: `create index "mail_outbox_due_idx" on "mail_outbox" ("next_attempt_at") where "status" = 'PENDING'` })
@Unique({ name: 'mail_outbox_dedupe_key_uq', properties: ['dedupeKey'] })
export class MailOutboxEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** What the mail is, e.g. `payment-reminder`, `evaluation-invitation`. */
  @Property({ type: 'string' })
  kind!: string;

  /** The recipient (`to` is an SQL keyword, hence the column name). */
  @Property({ type: 'text' })
  toAddress!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  html!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text' })
  dedupeKey!: string;

  /** Files attached to the mail; null for none. */
  @Property({ type: 'json', nullable: true })
  attachments!: MailAttachment[] | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Enum({ items: ['PENDING', 'SENT', 'FAILED'], type: 'string' })
  status!: MailStatus;

  @Property({ type: 'integer', default: 0 })
  attempts!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** The Message-ID header the SMTP server accepted (derived from `id`, stable across re-sends). */
  @Property({ type: 'text', nullable: true })
  smtpMessageId!: string | null;

  /** The server's reply to the accepted message (often carries its queue id), for tracing with the provider. */
  @Property({ type: 'text', nullable: true })
  smtpResponse!: string | null;
}
