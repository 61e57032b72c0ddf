import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The dedupe (inbox) table: one row per (consumer, key) whose effects were applied. */
@Entity({ tableName: 'processed_message' })
export class ProcessedMessageEntity {
  @PrimaryKey({ type: 'string' })
  consumer!: string;

  @PrimaryKey({ type: 'text' })
  dedupeKey!: string;

  @Property({ type: 'bigint' })
  inboundMessageId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  processedAt!: Date;
}
