import { createHash } from 'node:crypto';
import { noteCorrelation } from '@ereceipt/tracing';

/** One inbound message, independent of the Kafka client that delivered it. */
export interface InboundRecord {
  channel: 'kafka' | 'http';
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
  /** HTTP uploads: the file name given by the caller. */
  fileName?: string | null;
}

export function sha256(value: Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The dedupe key: the producer's message id when it gives one (`message-id` or `ce_id` header),
 * else the hash of topic, key and bytes — the same bytes on the same topic are the same message.
 */
export function defaultDedupeKey(record: InboundRecord): string {
  const id = record.headers['message-id'] ?? record.headers['ce_id'];
  if (id) return `id:${id}`;
  return `sha256:${createHash('sha256').update(record.topic).update('\0').update(record.key ?? '').update('\0').update(record.value).digest('hex')}`;
}

export function correlationIdOf(record: InboundRecord, inboundMessageId: string): string {
  const id = record.headers['correlation-id'] ?? record.headers['ce_id'] ?? `inbound-${inboundMessageId}`;
  // Tracing (a no-op when off): what carries this id from now on belongs to the record's trace.
  noteCorrelation(record, id, inboundMessageId);
  return id;
}
