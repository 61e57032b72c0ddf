import type { EntityManager } from '@mikro-orm/postgresql';
import { dlqHeaders, type InboundTopic, dlqTopic } from '@ereceipt/contracts';
import { classifyError, errorCode, errorMessage } from './error-policy';
import type { InboundHandler } from './inbound-handler';
import { correlationIdOf, defaultDedupeKey, type InboundRecord, sha256 } from './inbound-record';
import { OutboxWriter } from './outbox.writer';

export type RecordOutcome =
  | { status: 'processed'; inboundMessageId: string; rejected?: { code: string; message: string } }
  | { status: 'duplicate'; inboundMessageId: string | null }
  | { status: 'dead-lettered'; inboundMessageId: string; code: string; message: string };

/** Unknown errors (bugs, surprises) get this many attempts before the message goes to the DLQ. */
export const MAX_UNKNOWN_ATTEMPTS = 3;

export interface PipelineOptions {
  consumer: string;
  handlerFor(topic: string): InboundHandler | undefined;
  /** How many times this record already failed with an unknown error (kept by the caller). */
  attemptsOf?(record: InboundRecord): number;
  /**
   * Called between records: keeps a Kafka group session alive while a slow chunk is processed
   * (the consumer's heartbeat only sends when its interval has passed, so calling often is cheap).
   */
  between?(): Promise<void>;
}

/**
 * Processes records in ONE database transaction (docs/architecture.md "Data flow"): archive,
 * dedupe, use case, outbox. The caller commits Kafka offsets only after this resolves. A permanent
 * failure of one record rolls back its savepoint and dead-letters it through the outbox; the other
 * records still go through. A transient failure throws, so the whole batch is retried.
 */
export async function processRecords(em: EntityManager, records: InboundRecord[], options: PipelineOptions): Promise<RecordOutcome[]> {
  return em.transactional(async (tx) => {
    const outcomes: RecordOutcome[] = [];
    for (const record of records) {
      outcomes.push(await processOne(tx, record, options));
      await options.between?.();
    }
    await new OutboxWriter(tx).notifyRelay();
    return outcomes;
  });
}

/** The one code and message a partly rejected message is dead-lettered with. */
export function summariseRejections(rejections: Array<{ code: string; message: string }>): { code: string; message: string } {
  return { code: rejections[0].code, message: rejections.map((r) => r.message).join(' | ').slice(0, 4000) };
}

async function archive(tx: EntityManager, r: InboundRecord): Promise<string | null> {
  const rows: Array<{ id: string }> = await tx.execute(
    `insert into inbound_message (channel, topic, partition, "offset", key, headers, value, sha256, size, received_at, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 'RECEIVED')
     on conflict (topic, partition, "offset") do nothing returning id`,
    [r.channel, r.topic, r.partition, r.offset, r.key, JSON.stringify(r.headers), r.value, sha256(r.value), r.value.length],
  );
  return rows[0]?.id ?? null;
}

async function setStatus(tx: EntityManager, id: string, status: string, code: string | null = null, message: string | null = null): Promise<void> {
  await tx.execute(`update inbound_message set status = ?, error_code = ?, error_message = ?, processed_at = now() where id = ?`, [status, code, message, id]);
}

async function processOne(tx: EntityManager, record: InboundRecord, options: PipelineOptions): Promise<RecordOutcome> {
  const inboundMessageId = await archive(tx, record);
  // Already archived at this position: its effects committed with it; only the offset commit was lost.
  if (inboundMessageId === null) return { status: 'duplicate', inboundMessageId: null };

  const handler = options.handlerFor(record.topic);
  const rejections: Array<{ code: string; message: string }> = [];
  try {
    const fresh = await tx.transactional(async (sp) => {
      const key = handler?.dedupeKey?.(record) ?? defaultDedupeKey(record);
      const inserted: unknown[] = await sp.execute(
        `insert into processed_message (consumer, dedupe_key, inbound_message_id, processed_at) values (?, ?, ?, now()) on conflict do nothing returning 1`,
        [options.consumer, key, inboundMessageId],
      );
      if (inserted.length === 0) return false;
      if (!handler) throw new Error(`no handler registered for topic ${record.topic}`);
      await handler.handle({
        em: sp,
        outbox: new OutboxWriter(sp),
        record,
        inboundMessageId,
        correlationId: correlationIdOf(record, inboundMessageId),
        reportRejected: (code, message) => rejections.push({ code, message }),
      });
      return true;
    });
    if (!fresh) {
      await setStatus(tx, inboundMessageId, 'DUPLICATE');
      return { status: 'duplicate', inboundMessageId };
    }
    if (rejections.length === 0) {
      await setStatus(tx, inboundMessageId, 'PROCESSED');
      return { status: 'processed', inboundMessageId };
    }
    const rejected = summariseRejections(rejections);
    await sendToDlq(new OutboxWriter(tx), record, rejected.code, rejected.message);
    await setStatus(tx, inboundMessageId, 'PROCESSED', rejected.code, rejected.message);
    return { status: 'processed', inboundMessageId, rejected };
  } catch (e) {
    const kind = classifyError(e);
    const attempts = (options.attemptsOf?.(record) ?? 0) + 1;
    if (kind === 'transient' || (kind === 'unknown' && attempts < MAX_UNKNOWN_ATTEMPTS)) throw e;
    const code = errorCode(e);
    const message = errorMessage(e).slice(0, 2000);
    await deadLetter(tx, record, inboundMessageId, code, message);
    return { status: 'dead-lettered', inboundMessageId, code, message };
  }
}

async function deadLetter(tx: EntityManager, record: InboundRecord, inboundMessageId: string, code: string, message: string): Promise<void> {
  await setStatus(tx, inboundMessageId, 'DEAD_LETTERED', code, message);
  await sendToDlq(new OutboxWriter(tx), record, code, message);
}

/** The DLQ copy of a Kafka message (its bytes and headers, with the reason); HTTP uploads get none. */
export async function sendToDlq(outbox: OutboxWriter, record: InboundRecord, code: string, message: string): Promise<void> {
  if (record.channel !== 'kafka') return;
  await outbox.appendRaw({
    topic: dlqTopic(record.topic as InboundTopic),
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [dlqHeaders.errorCode]: code,
      [dlqHeaders.errorMessage]: message,
      [dlqHeaders.originalTopic]: record.topic,
      [dlqHeaders.originalPartition]: String(record.partition ?? ''),
      [dlqHeaders.originalOffset]: String(record.offset ?? ''),
    },
  });
}
