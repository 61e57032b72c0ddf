import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound, executeRows } from '@ereceipt/persistence';
import { classifyError, errorCode, errorMessage } from './error-policy';
import { handlesBatches, type InboundBatchHandler, type InboundBatchItem } from './inbound-handler';
import { MAX_UNKNOWN_ATTEMPTS, type PipelineOptions, processRecords, type RecordOutcome, sendToDlq, summariseRejections } from './inbound-pipeline';
import { correlationIdOf, defaultDedupeKey, type InboundRecord, sha256 } from './inbound-record';
import { OutboxWriter } from './outbox.writer';

export interface BatchPipelineOptions extends PipelineOptions {
  /** Called when the batch failed for a reason other than a transient one and goes again, one savepoint per message. */
  onFallback?(error: unknown): void;
}

/**
 * The batched hot path (issue #14): a chunk of one Kafka partition in ONE transaction with a
 * constant number of statements for the plumbing: one multi-row archive insert (ON CONFLICT on the
 * Kafka position), one dedupe insert (ON CONFLICT on the key), the handler's `handleBatch` (which
 * records every wire with multi-row statements), one status update, one outbox insert. The caller
 * commits the offsets only after it resolves, as with `processRecords`.
 *
 * A message that can never be used fails on its own (the handler reports it before writing
 * anything): it is dead-lettered while its neighbours commit. Anything else thrown by the batch
 * rolls it back; a transient failure is rethrown (the chunk is retried whole), any other one sends
 * the chunk again through `processRecords`, one savepoint per message, which isolates the culprit.
 */
export async function processRecordsInBatch(em: EntityManager, records: InboundRecord[], options: BatchPipelineOptions): Promise<RecordOutcome[]> {
  const first = records[0];
  const handler = first ? options.handlerFor(first.topic) : undefined;
  const onePartition = records.every((r) => r.channel === 'kafka' && r.topic === first?.topic && r.partition === first.partition && r.offset !== null);
  if (!first || !handlesBatches(handler) || !onePartition) return processRecords(em, records, options);
  try {
    return await em.fork().transactional((tx) => inOneTransaction(tx, handler, records, options));
  } catch (e) {
    if (classifyError(e) === 'transient') throw e;
    options.onFallback?.(e);
    return processRecords(em.fork(), records, options);
  }
}

type Status = 'PROCESSED' | 'DUPLICATE' | 'DEAD_LETTERED';

async function inOneTransaction(tx: EntityManager, handler: InboundBatchHandler, records: InboundRecord[], options: BatchPipelineOptions): Promise<RecordOutcome[]> {
  const outbox = OutboxWriter.buffered(tx);
  const between = () => options.between?.() ?? Promise.resolve();
  const archived = await archiveAll(tx, records);
  const fresh = await dedupeAll(tx, handler, records, archived, options.consumer);
  await between();

  const items: InboundBatchItem[] = [];
  for (const r of records) {
    const id = archived.get(r.offset ?? '');
    if (id !== undefined && fresh.has(id)) items.push({ record: r, inboundMessageId: id, correlationId: correlationIdOf(r, id) });
  }
  const results = items.length > 0 ? await handler.handleBatch({ em: tx, outbox, items, between }) : [];
  if (results.length !== items.length) throw new Error(`handleBatch for ${handler.topic} returned ${results.length} results for ${items.length} messages`);
  const resultOf = new Map(items.map((item, i) => [item.inboundMessageId, results[i]]));

  const statuses: Array<{ id: string; status: Status; code: string | null; message: string | null }> = [];
  const undone: string[] = [];
  const outcomes: RecordOutcome[] = [];
  for (const record of records) {
    const id = archived.get(record.offset ?? '');
    // Already archived at this position: its effects committed with it; only the offset commit was lost.
    if (id === undefined) {
      outcomes.push({ status: 'duplicate', inboundMessageId: null });
      continue;
    }
    const result = resultOf.get(id);
    if (!result) {
      statuses.push({ id, status: 'DUPLICATE', code: null, message: null });
      outcomes.push({ status: 'duplicate', inboundMessageId: id });
    } else if (!result.ok) {
      const kind = classifyError(result.error);
      const attempts = (options.attemptsOf?.(record) ?? 0) + 1;
      if (kind === 'transient' || (kind === 'unknown' && attempts < MAX_UNKNOWN_ATTEMPTS)) throw result.error;
      const code = errorCode(result.error);
      const message = errorMessage(result.error).slice(0, 2000);
      await sendToDlq(outbox, record, code, message);
      statuses.push({ id, status: 'DEAD_LETTERED', code, message });
      // Its dedupe row goes, as the savepoint path rolls it back: a fixed re-send is not a duplicate.
      undone.push(id);
      outcomes.push({ status: 'dead-lettered', inboundMessageId: id, code, message });
    } else if (result.rejected.length > 0) {
      const rejected = summariseRejections(result.rejected);
      await sendToDlq(outbox, record, rejected.code, rejected.message);
      statuses.push({ id, status: 'PROCESSED', code: rejected.code, message: rejected.message });
      outcomes.push({ status: 'processed', inboundMessageId: id, rejected });
    } else {
      statuses.push({ id, status: 'PROCESSED', code: null, message: null });
      outcomes.push({ status: 'processed', inboundMessageId: id });
    }
  }
  await setStatuses(tx, statuses);
  if (undone.length > 0) {
    await executeBound(tx, `delete from processed_message where consumer = ? and inbound_message_id in (${undone.map(() => '?').join(', ')})`, [options.consumer, ...undone]);
  }
  await outbox.flush();
  await outbox.notifyRelay();
  return outcomes;
}

/** Archive rows for the chunk, by Kafka offset; a position archived before is absent (a redelivery). */
async function archiveAll(tx: EntityManager, records: InboundRecord[]): Promise<Map<string, string>> {
  const rows = await executeRows<InboundRecord, { id: string; offset: string }>(
    tx,
    records,
    9,
    (r, params) => {
      params.push(r.channel, r.topic, r.partition, r.offset, r.key, JSON.stringify(r.headers), r.value, sha256(r.value), r.value.length);
      return `(?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 'RECEIVED')`;
    },
    (values) => `insert into inbound_message (channel, topic, partition, "offset", key, headers, value, sha256, size, received_at, status)
     values ${values}
     on conflict (topic, partition, "offset") do nothing returning id, "offset"`,
  );
  return new Map(rows.map((r) => [String(r.offset), String(r.id)]));
}

/** The archive ids whose dedupe key was new (the first of several equal keys in one chunk wins). */
async function dedupeAll(tx: EntityManager, handler: InboundBatchHandler, records: InboundRecord[], archived: Map<string, string>, consumer: string): Promise<Set<string>> {
  const fresh = records.flatMap((r) => {
    const id = archived.get(r.offset ?? '');
    return id === undefined ? [] : [{ id, key: handler.dedupeKey?.(r) ?? defaultDedupeKey(r) }];
  });
  if (fresh.length === 0) return new Set();
  // One statement even when split for the parameter limit would not change who wins: the groups run in order.
  const rows = await executeRows<{ id: string; key: string }, { inbound_message_id: string }>(
    tx,
    fresh,
    3,
    (f, params) => {
      params.push(consumer, f.key, f.id);
      return `(?, ?, ?, now())`;
    },
    (values) => `insert into processed_message (consumer, dedupe_key, inbound_message_id, processed_at) values ${values} on conflict do nothing returning inbound_message_id`,
  );
  return new Set(rows.map((r) => String(r.inbound_message_id)));
}

async function setStatuses(tx: EntityManager, statuses: Array<{ id: string; status: Status; code: string | null; message: string | null }>): Promise<void> {
  if (statuses.length === 0) return;
  await executeRows(
    tx,
    statuses,
    4,
    (st, params) => {
      params.push(st.id, st.status, st.code, st.message);
      return `(?::bigint, ?::text, ?::text, ?::text)`;
    },
    (values) => `update inbound_message m set status = v.status, error_code = v.code, error_message = v.message, processed_at = now()
       from (values ${values}) as v(id, status, code, message) where m.id = v.id`,
  );
}
