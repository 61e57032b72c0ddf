import type { EntityManager } from '@mikro-orm/postgresql';
import { classifyError, errorCode, errorMessage } from './error-policy';
import { handlesBatches, type InboundBatchHandler, type InboundBatchItem } from './inbound-handler';
import { MAX_UNKNOWN_ATTEMPTS, type PipelineOptions, processRecords, type RecordOutcome, sendToDlq, summariseRejections } from './inbound-pipeline';
import { archiveKafkaRecords, type ArchiveStatus, deleteDedupeKeys, insertDedupeKeys, setArchiveStatuses } from './inbound-archive.repository';
import { correlationIdOf, defaultDedupeKey, type InboundRecord } from './inbound-record';
import { OutboxWriter } from './outbox.writer';

export interface BatchPipelineOptions extends PipelineOptions {
  /** Called when the batch failed for a reason other than a transient one and goes again, one savepoint per message. */
  onFallback?(error: unknown): void;
}

/**
 * The batched hot path (issue #14): a chunk of one Kafka partition in ONE transaction with a
 * constant number of statements for the plumbing: one multi-row archive insert (ON CONFLICT on the
 * Kafka position), one dedupe insert (ON CONFLICT on the key), each a prepared `unnest` statement
 * (inbound-archive.repository.ts), the handler's `handleBatch` (which
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

async function inOneTransaction(tx: EntityManager, handler: InboundBatchHandler, records: InboundRecord[], options: BatchPipelineOptions): Promise<RecordOutcome[]> {
  const outbox = OutboxWriter.buffered(tx);
  const between = () => options.between?.() ?? Promise.resolve();
  const archived = await archiveKafkaRecords(tx, records);
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

  const statuses: ArchiveStatus[] = [];
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
  await setArchiveStatuses(tx, statuses);
  await deleteDedupeKeys(tx, options.consumer, undone);
  await outbox.flush();
  await outbox.notifyRelay();
  return outcomes;
}

/** The archive ids whose dedupe key was new (the first of several equal keys in one chunk wins). */
async function dedupeAll(tx: EntityManager, handler: InboundBatchHandler, records: InboundRecord[], archived: Map<string, string>, consumer: string): Promise<Set<string>> {
  const fresh = records.flatMap((r) => {
    const id = archived.get(r.offset ?? '');
    return id === undefined ? [] : [{ id, key: handler.dedupeKey?.(r) ?? defaultDedupeKey(r) }];
  });
  if (fresh.length === 0) return new Set();
  return insertDedupeKeys(tx, consumer, fresh);
}
