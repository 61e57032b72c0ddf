import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, EventDefinition } from '@ereceipt/contracts';
import { packBytes, preparedStatement, runPrepared } from '@ereceipt/persistence';
import { outboxTraceContext } from '@ereceipt/tracing';

export interface AppendEvent<E extends EventDefinition> {
  /** The aggregate id: the Kafka key, so one aggregate's events stay in order. */
  key: string;
  subject?: string;
  data: EventData<E>;
  /** Stable event id (ce_id); a new UUID when omitted. */
  id?: string;
  correlationId?: string;
}

export interface AppendRaw {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

interface PendingRow {
  id: string;
  kind: 'event' | 'raw';
  topic: string;
  key: string;
  type: string | null;
  subject: string | null;
  headers: string;
  payload: string | null;
  value: Buffer | null;
  /** W3C trace context of what caused the row (null when tracing is off): the relay's publish continues it. */
  traceparent: string | null;
  tracestate: string | null;
}

/** The buffered writer's one statement per chunk (issue #14): a prepared `unnest`, rows in append order so `seq` follows it. */
const INSERT_ROWS = preparedStatement(
  'hub_outbox_insert_v2',
  `insert into outbox_event (id, kind, topic, key, type, subject, headers, payload, value, traceparent, tracestate, created_at, status, attempts)
   select t.id, t.kind, t.topic, t.key, t.type, t.subject, t.headers::jsonb, t.payload::jsonb,
          case when t.len < 0 then null else substring($9::bytea from t.start + 1 for t.len) end, t.traceparent, t.tracestate, now(), 'PENDING', 0
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $10::int[], $11::int[], $12::text[], $13::text[])
          with ordinality as t(id, kind, topic, key, type, subject, headers, payload, start, len, traceparent, tracestate, ord)
    order by t.ord`,
);

/**
 * Writes outgoing messages into the outbox inside the caller's transaction. The relay publishes
 * them after commit; nothing is sent to Kafka from inside a transaction.
 *
 * A buffered writer (`OutboxWriter.buffered`, the batched inbound path) keeps the rows in memory
 * and writes them all with one multi-row insert at `flush()`, in append order (so `seq` order is
 * the order they were appended in); outbox rows are never read back inside the transaction.
 */
export class OutboxWriter {
  /** Rows appended but not written yet; null for a writer that writes each row as it is appended. */
  private pending: PendingRow[] | null = null;

  constructor(private readonly em: EntityManager) {}

  static buffered(em: EntityManager): OutboxWriter {
    const writer = new OutboxWriter(em);
    writer.pending = [];
    return writer;
  }

  /**
   * Runs `fn` in a savepoint's `em` with a writer whose buffered rows join this writer's only when
   * `fn` succeeds (a savepoint rolled back must not leave its events behind in the buffer).
   */
  async nested<T>(em: EntityManager, fn: (outbox: OutboxWriter) => Promise<T>): Promise<T> {
    if (this.pending === null) return fn(new OutboxWriter(em));
    const child = OutboxWriter.buffered(em);
    const result = await fn(child);
    this.pending.push(...(child.pending ?? []));
    return result;
  }

  /** Writes the buffered rows (one prepared statement); a no-op for an unbuffered writer. */
  async flush(): Promise<number> {
    const rows = this.pending?.splice(0) ?? [];
    if (rows.length === 0) return 0;
    const bytes = packBytes(rows.map((r) => r.value));
    await runPrepared(this.em, INSERT_ROWS, [
      rows.map((r) => r.id),
      rows.map((r) => r.kind),
      rows.map((r) => r.topic),
      rows.map((r) => r.key),
      rows.map((r) => r.type),
      rows.map((r) => r.subject),
      rows.map((r) => r.headers),
      rows.map((r) => r.payload),
      bytes.blob,
      bytes.starts,
      bytes.lengths,
      rows.map((r) => r.traceparent),
      rows.map((r) => r.tracestate),
    ]);
    return rows.length;
  }

  async appendEvent<E extends EventDefinition>(definition: E, event: AppendEvent<E>): Promise<string> {
    // Validating here turns a payload that breaks the published schema into a failed transaction,
    // not a broken message downstream.
    const data: unknown = definition.schema.parse(event.data);
    const id = event.id ?? randomUUID();
    const headers: Record<string, string> = event.correlationId ? { 'correlation-id': event.correlationId } : {};
    const trace = outboxTraceContext(event.correlationId);
    if (this.pending) {
      const subject = event.subject ?? event.key;
      this.pending.push({ id, kind: 'event', topic: definition.topic, key: event.key, type: definition.type, subject, headers: JSON.stringify(headers), payload: JSON.stringify(data), value: null, traceparent: trace?.traceparent ?? null, tracestate: trace?.tracestate ?? null });
      return id;
    }
    await this.em.execute(
      `insert into outbox_event (id, kind, topic, key, type, subject, headers, payload, traceparent, tracestate, created_at, status, attempts)
       values (?, 'event', ?, ?, ?, ?, ?, ?, ?, ?, now(), 'PENDING', 0)`,
      [id, definition.topic, event.key, definition.type, event.subject ?? event.key, JSON.stringify(headers), JSON.stringify(data), trace?.traceparent ?? null, trace?.tracestate ?? null],
    );
    return id;
  }

  async appendRaw(message: AppendRaw): Promise<string> {
    const id = randomUUID();
    // A DLQ copy continues the trace of the record it copies (its correlation id, as the record's events do).
    const trace = outboxTraceContext(message.headers['correlation-id'] ?? message.headers['ce_id']);
    if (this.pending) {
      this.pending.push({ id, kind: 'raw', topic: message.topic, key: message.key ?? '', type: null, subject: null, headers: JSON.stringify(message.headers), payload: null, value: message.value, traceparent: trace?.traceparent ?? null, tracestate: trace?.tracestate ?? null });
      return id;
    }
    await this.em.execute(
      `insert into outbox_event (id, kind, topic, key, headers, value, traceparent, tracestate, created_at, status, attempts)
       values (?, 'raw', ?, ?, ?, ?, ?, ?, now(), 'PENDING', 0)`,
      [id, message.topic, message.key ?? '', JSON.stringify(message.headers), message.value, trace?.traceparent ?? null, trace?.tracestate ?? null],
    );
    return id;
  }

  /** Wakes the relay as soon as the surrounding transaction commits (LISTEN/NOTIFY). */
  async notifyRelay(): Promise<void> {
    await this.em.execute(`select pg_notify('outbox_event', '')`);
  }
}
