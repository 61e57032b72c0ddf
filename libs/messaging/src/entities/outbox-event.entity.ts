import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type OutboxStatus = 'PENDING' | 'SENT' | 'PARKED';

/**
 * Outgoing messages, written in the same transaction as the change that causes them and published
 * by the relay. `kind: 'event'` rows become CloudEvents; `kind: 'raw'` rows (DLQ copies) are sent
 * with their original bytes and headers.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_pending_idx', expression: `create index "outbox_event_pending_idx" on "outbox_event" ("seq") where "status" = 'PENDING'` })
@Unique({ name: 'outbox_event_id_uq', properties: ['id'] })
export class OutboxEventEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  @Property({ type: 'uuid' })
  id!: string;

  @Enum({ items: ['event', 'raw'], type: 'string' })
  kind!: 'event' | 'raw';

  @Property({ type: 'string' })
  topic!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'string', nullable: true })
  type!: string | null;

  @Property({ type: 'text', nullable: true })
  subject!: string | null;

  @Property({ type: 'json' })
  headers!: Record<string, string>;

  @Property({ type: 'json', nullable: true })
  payload!: unknown;

  @Property({ type: 'blob', columnType: 'bytea', nullable: true })
  value!: Buffer | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Enum({ items: ['PENDING', 'SENT', 'PARKED'], type: 'string' })
  status!: OutboxStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Property({ type: 'integer', default: 0 })
  attempts!: number;

  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  /** W3C `traceparent` of what caused the row (null: written with tracing off); the relay's publish continues it (libs/tracing). */
  @Property({ type: 'text', nullable: true })
  traceparent!: string | null;

  @Property({ type: 'text', nullable: true })
  tracestate!: string | null;
}
