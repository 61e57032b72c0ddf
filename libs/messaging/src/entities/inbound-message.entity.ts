import { Entity, Index, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type InboundStatus = 'RECEIVED' | 'PROCESSED' | 'DUPLICATE' | 'DEAD_LETTERED' | 'REJECTED';

/** The archive: every inbound message exactly as received, whatever happened to it next. */
@Entity({ tableName: 'inbound_message' })
@Unique({ name: 'inbound_message_kafka_position_uq', properties: ['topic', 'partition', 'offset'] })
@Index({ name: 'inbound_message_received_at_idx', properties: ['receivedAt'] })
export class InboundMessageEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Enum({ items: ['kafka', 'http'], type: 'string' })
  channel!: 'kafka' | 'http';

  @Property({ type: 'string' })
  topic!: string;

  @Property({ type: 'integer', nullable: true })
  partition!: number | null;

  @Property({ type: 'bigint', nullable: true })
  offset!: string | null;

  @Property({ type: 'text', nullable: true })
  key!: string | null;

  @Property({ type: 'json' })
  headers!: Record<string, string>;

  @Property({ type: 'blob', columnType: 'bytea' })
  value!: Buffer;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Enum({ items: ['RECEIVED', 'PROCESSED', 'DUPLICATE', 'DEAD_LETTERED', 'REJECTED'], type: 'string' })
  status!: InboundStatus;

  @Property({ type: 'string', nullable: true })
  errorCode!: string | null;

  @Property({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
