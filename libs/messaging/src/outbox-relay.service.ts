import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from 'pg';
import type { Producer } from 'kafkajs';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { CLOUD_EVENTS_SOURCE, cloudEventHeaders, traceHeaders } from '@ereceipt/contracts';
import { type PublishTrace, tracePublish } from '@ereceipt/tracing';
import { KafkaAdapter, type OutgoingMessage } from './kafka.adapter';
import { LeaderSession } from './leader-session';
import { messagingMetrics as m } from './messaging.metrics';
import { RelayLoop } from './relay-loop';

interface OutboxRow {
  seq: string;
  id: string;
  kind: 'event' | 'raw';
  topic: string;
  key: string;
  type: string | null;
  subject: string | null;
  headers: Record<string, string>;
  payload: unknown;
  value: Buffer | null;
  created_at: Date;
  attempts: number;
  traceparent: string | null;
  tracestate: string | null;
}

/** Errors after which a row can never be published as it is; it is parked, not retried forever. */
const PERMANENT_PUBLISH_ERRORS = /MESSAGE_TOO_LARGE|INVALID_RECORD|RECORD_LIST_TOO_LARGE|UNKNOWN_TOPIC_OR_PARTITION/;
const LEADER_LOCK = 'ereceipt-hub:outbox-relay';

/**
 * The relay's statements, prepared once per session (pg names them on its connection): one select of a
 * batch, one update for the whole batch once Kafka acknowledged it. Column lists are explicit.
 */
const PENDING_BATCH = {
  name: 'relay_pending_batch_v2',
  text: `select seq, id, kind, topic, key, type, subject, headers, payload, value, created_at, attempts, traceparent, tracestate
           from outbox_event where status = 'PENDING' order by seq limit $1`,
};
const MARK_SENT = { name: 'relay_mark_sent_v1', text: `update outbox_event set status = 'SENT', sent_at = now(), attempts = attempts + 1 where seq = any($1::bigint[])` };
const PENDING_COUNT = { name: 'relay_pending_count_v1', text: `select count(*) as n from outbox_event where status = 'PENDING'` };

/**
 * Publishes the outbox. Every replica runs it; one holds a PostgreSQL advisory lock and publishes,
 * the others stand by (a dead leader's session ends and its lock with it). Rows are picked by
 * status, never by an "id > last id" cursor, so a transaction that commits late is not skipped;
 * they are sent in `seq` order by an idempotent producer with one request in flight, so one
 * aggregate's events keep their order.
 */
@Injectable()
export class OutboxRelayService extends RelayLoop {
  private producer: Producer | null = null;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly kafka: KafkaAdapter,
  ) {
    super(
      new LeaderSession({ databaseUrl: config.databaseUrl, lockName: LEADER_LOCK, channel: 'outbox_event', applicationName: 'ereceipt-outbox-relay' }),
      config.roles,
      new Logger('OutboxRelay'),
      'relay',
    );
  }

  /** Leads (or stands by), publishes one batch, and sleeps when the outbox is drained. */
  protected async runOnce(): Promise<void> {
    this.producer ??= await this.kafka.connectProducer();
    const wasLeader = this.session.isLeader;
    const leads = await this.session.tryLead();
    if (leads && !wasLeader) this.log.log('this replica now publishes the outbox');
    const sent = leads ? await this.publishOnce(await this.session.connect()) : 0;
    if (sent < this.config.outbox.batchSize) await this.session.sleep(leads ? this.config.outbox.pollMs : 5000);
  }

  /** A failed pass reconnects the producer too (a relay that cannot publish gives up and reconnects). */
  protected override async afterFailure(): Promise<void> {
    await this.disconnectProducer();
  }

  protected override async afterStop(): Promise<void> {
    await this.disconnectProducer();
  }

  private async disconnectProducer(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
  }

  private async publishOnce(client: Client): Promise<number> {
    const { rows } = await client.query<OutboxRow>({ ...PENDING_BATCH, values: [this.config.outbox.batchSize] });
    // A batch that is not full is the whole backlog: count only when there may be more.
    if (rows.length < this.config.outbox.batchSize) m.outboxBacklog.set(rows.length);
    else m.outboxBacklog.set(Number((await client.query<{ n: string }>(PENDING_COUNT)).rows[0].n));
    if (rows.length === 0) return 0;
    // Tracing (null when off): each row's publish continues the trace stored with it (libs/tracing).
    const traced = tracePublish(rows);
    try {
      await (traced ? traced.run(() => this.sendAndMark(client, rows, traced)) : this.sendAndMark(client, rows, null));
      traced?.end();
    } catch (e) {
      traced?.end(e);
      const message = e instanceof Error ? e.message : String(e);
      if (rows.length === 1 && PERMANENT_PUBLISH_ERRORS.test(`${(e as { type?: string }).type ?? ''} ${message}`)) {
        await client.query(`update outbox_event set status = 'PARKED', attempts = attempts + 1, last_error = $2 where seq = $1`, [rows[0].seq, message]);
        m.parked.inc({ topic: rows[0].topic });
        this.log.error({ seq: rows[0].seq, topic: rows[0].topic }, `outbox row parked: ${message}`);
        return 1;
      }
      // Publish one by one next time round, so one bad row cannot hold the others back.
      if (rows.length > 1) return this.publishSingly(client, rows);
      await client.query(`update outbox_event set attempts = attempts + 1, last_error = $2 where seq = $1`, [rows[0].seq, message]);
      throw e;
    }
    for (const r of rows) m.published.inc({ topic: r.topic });
    return rows.length;
  }

  private async sendAndMark(client: Client, rows: OutboxRow[], traced: PublishTrace | null): Promise<void> {
    await KafkaAdapter.send(this.producer!, groupByTopicInOrder(rows, traced));
    await client.query({ ...MARK_SENT, values: [rows.map((r) => r.seq)] });
  }

  private async publishSingly(client: Client, rows: OutboxRow[]): Promise<number> {
    let sent = 0;
    for (const row of rows) {
      const traced = tracePublish([row]);
      try {
        await KafkaAdapter.send(this.producer!, groupByTopicInOrder([row], traced));
        traced?.end();
        await client.query(`update outbox_event set status = 'SENT', sent_at = now(), attempts = attempts + 1 where seq = $1`, [row.seq]);
        m.published.inc({ topic: row.topic });
        sent++;
      } catch (e) {
        traced?.end(e);
        const message = e instanceof Error ? e.message : String(e);
        if (!PERMANENT_PUBLISH_ERRORS.test(`${(e as { type?: string }).type ?? ''} ${message}`)) throw e;
        await client.query(`update outbox_event set status = 'PARKED', attempts = attempts + 1, last_error = $2 where seq = $1`, [row.seq, message]);
        m.parked.inc({ topic: row.topic });
        this.log.error({ seq: row.seq, topic: row.topic }, `outbox row parked: ${message}`);
      }
    }
    return sent;
  }

}

/**
 * The Kafka message of an outbox row. Trace context (docs/contract.md "Outbound topics"): the
 * transport `traceparent` is the publish span's (`publishTrace`, when tracing is on; else the stored
 * context passes through), and an event also carries the context it was created in, stored with
 * the row, as the CloudEvents distributed-tracing extension `ce_traceparent` (stable across
 * re-publication, like `ce_id`).
 */
export function toKafkaMessage(
  row: Pick<OutboxRow, 'id' | 'kind' | 'key' | 'type' | 'subject' | 'headers' | 'payload' | 'value' | 'created_at'> & Partial<Pick<OutboxRow, 'traceparent' | 'tracestate'>>,
  publishTrace: Record<string, string> = {},
): OutgoingMessage {
  const stored = row.traceparent ? { [traceHeaders.traceparent]: row.traceparent, ...(row.tracestate ? { [traceHeaders.tracestate]: row.tracestate } : {}) } : {};
  const transport = publishTrace[traceHeaders.traceparent] ? publishTrace : stored;
  if (row.kind === 'raw') return { key: row.key, value: row.value ?? Buffer.alloc(0), headers: { ...withoutTraceContext(row.headers, Object.keys(transport).length > 0), ...transport } };
  const origin = row.traceparent ? { [traceHeaders.ceTraceparent]: row.traceparent, ...(row.tracestate ? { [traceHeaders.ceTracestate]: row.tracestate } : {}) } : {};
  return {
    key: row.key,
    value: JSON.stringify(row.payload),
    headers: {
      ...row.headers,
      ...transport,
      ...origin,
      [cloudEventHeaders.specversion]: '1.0',
      [cloudEventHeaders.id]: row.id,
      [cloudEventHeaders.type]: row.type ?? '',
      [cloudEventHeaders.source]: CLOUD_EVENTS_SOURCE,
      [cloudEventHeaders.time]: row.created_at.toISOString(),
      [cloudEventHeaders.subject]: row.subject ?? row.key,
      [cloudEventHeaders.contentType]: 'application/json',
    },
  };
}

/** A DLQ copy keeps the record's headers, but its trace context is replaced, not doubled (tracestate goes with traceparent). */
function withoutTraceContext(headers: Record<string, string>, replaced: boolean): Record<string, string> {
  if (!replaced) return headers;
  const { [traceHeaders.traceparent]: _parent, [traceHeaders.tracestate]: _state, ...rest } = headers;
  return rest;
}

/** Consecutive rows of one topic go in one batch; order across the whole list is kept. */
function groupByTopicInOrder(rows: OutboxRow[], traced: PublishTrace | null = null): Array<{ topic: string; messages: OutgoingMessage[] }> {
  const groups: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  rows.forEach((row, i) => {
    const message = toKafkaMessage(row, traced?.headersOf(i));
    const last = groups[groups.length - 1];
    if (last && last.topic === row.topic) last.messages.push(message);
    else groups.push({ topic: row.topic, messages: [message] });
  });
  return groups;
}
