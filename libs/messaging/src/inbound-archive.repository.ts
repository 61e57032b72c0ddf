import type { EntityManager } from '@mikro-orm/postgresql';
import { packBytes, preparedStatement, runPrepared } from '@ereceipt/persistence';
import { type InboundRecord, sha256 } from './inbound-record';

/**
 * The batched hot path's SQL for the archive (`inbound_message`) and the dedupe table
 * (`processed_message`), issue #14: one prepared statement per step and chunk, each column an array
 * that `unnest` turns into rows (the text is the same for any chunk, so PostgreSQL plans it once per
 * connection). The rules (who is fresh, what status a message ends in) stay in inbound-batch.pipeline.ts.
 */

const ARCHIVE = preparedStatement(
  'hub_inbound_archive_v1',
  `insert into inbound_message (channel, topic, partition, "offset", key, headers, value, sha256, size, received_at, status)
   select t.channel, t.topic, t.partition, t."offset", t.key, t.headers::jsonb, substring($6::bytea from t.start + 1 for t.len), t.sha256, t.len, now(), 'RECEIVED'
     from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $7::int[], $8::int[], $9::text[], $10::text[])
          with ordinality as t(channel, topic, partition, "offset", key, start, len, sha256, headers, ord)
    order by t.ord
   on conflict (topic, partition, "offset") do nothing
   returning id::text as id, "offset"::text as "offset"`,
);

const DEDUPE = preparedStatement(
  'hub_inbound_dedupe_v1',
  `insert into processed_message (consumer, dedupe_key, inbound_message_id, processed_at)
   select $1, t.dedupe_key, t.inbound_message_id, now()
     from unnest($2::text[], $3::bigint[]) with ordinality as t(dedupe_key, inbound_message_id, ord)
    order by t.ord
   on conflict do nothing
   returning inbound_message_id::text as inbound_message_id`,
);

const SET_STATUSES = preparedStatement(
  'hub_inbound_statuses_v1',
  `update inbound_message m set status = v.status, error_code = v.code, error_message = v.message, processed_at = now()
     from unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) as v(id, status, code, message)
    where m.id = v.id`,
);

const UNDO_DEDUPE = preparedStatement('hub_inbound_undo_dedupe_v1', `delete from processed_message where consumer = $1 and inbound_message_id = any($2::bigint[])`);

/** Archives a chunk of one partition; returns archive id by Kafka offset for the positions archived now (one archived before is absent: a redelivery). */
export async function archiveKafkaRecords(em: EntityManager, records: readonly InboundRecord[]): Promise<Map<string, string>> {
  const bytes = packBytes(records.map((r) => r.value));
  const rows = await runPrepared<{ id: string; offset: string }>(em, ARCHIVE, [
    records.map((r) => r.channel),
    records.map((r) => r.topic),
    records.map((r) => r.partition),
    records.map((r) => r.offset),
    records.map((r) => r.key),
    bytes.blob,
    bytes.starts,
    bytes.lengths,
    records.map((r) => sha256(r.value)),
    records.map((r) => JSON.stringify(r.headers)),
  ]);
  return new Map(rows.map((r) => [r.offset, r.id]));
}

/** Inserts the dedupe keys in order; returns the archive ids whose key was new (the first of equal keys wins). */
export async function insertDedupeKeys(em: EntityManager, consumer: string, keys: ReadonlyArray<{ id: string; key: string }>): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await runPrepared<{ inbound_message_id: string }>(em, DEDUPE, [consumer, keys.map((k) => k.key), keys.map((k) => k.id)]);
  return new Set(rows.map((r) => r.inbound_message_id));
}

export interface ArchiveStatus {
  id: string;
  status: 'PROCESSED' | 'DUPLICATE' | 'DEAD_LETTERED';
  code: string | null;
  message: string | null;
}

export async function setArchiveStatuses(em: EntityManager, statuses: readonly ArchiveStatus[]): Promise<void> {
  if (statuses.length === 0) return;
  await runPrepared(em, SET_STATUSES, [statuses.map((s) => s.id), statuses.map((s) => s.status), statuses.map((s) => s.code), statuses.map((s) => s.message)]);
}

/** Removes the dedupe rows of dead-lettered messages (a fixed re-send must not count as a duplicate). */
export async function deleteDedupeKeys(em: EntityManager, consumer: string, inboundMessageIds: readonly string[]): Promise<void> {
  if (inboundMessageIds.length === 0) return;
  await runPrepared(em, UNDO_DEDUPE, [consumer, inboundMessageIds]);
}
