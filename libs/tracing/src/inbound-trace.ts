import { type Context, context, createContextKey, isSpanContextValid, type Link, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer, tracingEnabled } from './tracing-state';

/** What this library needs of an inbound record (libs/messaging's InboundRecord; no import, so no cycle). */
export interface TracedRecord {
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  headers: Record<string, string>;
}

/** What became of a record (libs/messaging's RecordOutcome, structurally). */
export interface TracedOutcome {
  status: string;
  inboundMessageId?: string | null;
  code?: string;
}

const CHUNK = createContextKey('ereceipt.inbound-chunk-trace');

/**
 * The spans of one chunk transaction (docs/architecture.md "Tracing"):
 * - one `process <topic>` span (CONSUMER) per record, in THAT record's trace: the child of the
 *   `traceparent` it arrived with, else the root of a new trace; it links to the kafkajs
 *   instrumentation's `poll` span of the fetched batch when there is one;
 * - one `inbound transaction <topic>` span for the chunk's database transaction, the child of the
 *   chunk's first record span (so a record alone in its chunk is one whole trace) and linked to
 *   every other record span, each of which links back to it; the transaction's statements (pg
 *   instrumentation) are its children;
 * - the events a record causes (outbox rows) and its matching decision are attached to its record
 *   span through its correlation id (`noteCorrelation`, `originContext`).
 */
export class ChunkTrace {
  private readonly spans = new Map<TracedRecord, Span>();
  private readonly byCorrelation = new Map<string, Span>();
  private readonly transaction: Span;
  private readonly context: Context;

  constructor(records: readonly TracedRecord[]) {
    const poll = trace.getActiveSpan();
    const pollLink: Link[] = poll && isSpanContextValid(poll.spanContext()) ? [{ context: poll.spanContext() }] : [];
    for (const r of records) {
      const upstream = propagation.extract(ROOT_CONTEXT, r.headers);
      const parent = trace.getSpanContext(upstream);
      this.spans.set(
        r,
        tracer().startSpan(
          `process ${r.topic}`,
          {
            kind: SpanKind.CONSUMER,
            links: pollLink,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'process',
              'messaging.destination.name': r.topic,
              ...(r.partition !== null ? { 'messaging.destination.partition.id': String(r.partition) } : {}),
              ...(r.offset !== null ? { 'messaging.kafka.offset': Number(r.offset) } : {}),
              ...(r.key !== null ? { 'messaging.kafka.message.key': r.key } : {}),
            },
          },
          parent && isSpanContextValid(parent) ? upstream : ROOT_CONTEXT,
        ),
      );
    }
    const [first, ...others] = [...this.spans.values()];
    this.transaction = tracer().startSpan(
      `inbound transaction ${records[0]?.topic ?? ''}`,
      { kind: SpanKind.INTERNAL, links: others.map((s) => ({ context: s.spanContext() })), attributes: { 'messaging.batch.message_count': records.length } },
      first ? trace.setSpan(ROOT_CONTEXT, first) : ROOT_CONTEXT,
    );
    for (const s of others) s.addLink({ context: this.transaction.spanContext() });
    this.context = trace.setSpan(context.active(), this.transaction).setValue(CHUNK, this);
  }

  /** Runs the chunk's transaction with the transaction span active and this trace reachable from it. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return context.with(this.context, fn);
  }

  bind(record: TracedRecord, correlationId: string, inboundMessageId: string): void {
    const span = this.spans.get(record);
    if (!span) return;
    span.setAttribute('ereceipt.inbound_message_id', inboundMessageId);
    // Two records of one chunk with the same correlation-id header: their events go with the first.
    if (!this.byCorrelation.has(correlationId)) this.byCorrelation.set(correlationId, span);
  }

  spanOf(correlationId: string): Span | undefined {
    return this.byCorrelation.get(correlationId);
  }

  /** Ends every span: each record with what became of it, or all of them with the chunk's failure. */
  end(result: { outcomes: readonly TracedOutcome[] } | { error: unknown }): void {
    const records = [...this.spans.entries()];
    if ('error' in result) {
      const message = result.error instanceof Error ? result.error.message : String(result.error);
      for (const span of [this.transaction, ...this.spans.values()]) {
        span.setStatus({ code: SpanStatusCode.ERROR, message });
      }
      if (result.error instanceof Error) this.transaction.recordException(result.error);
    } else {
      records.forEach(([, span], i) => {
        const o = result.outcomes[i];
        if (!o) return;
        span.setAttribute('ereceipt.inbound.outcome', o.status);
        if (o.inboundMessageId) span.setAttribute('ereceipt.inbound_message_id', o.inboundMessageId);
        if (o.code) span.setAttribute('ereceipt.error_code', o.code);
      });
    }
    this.transaction.end();
    for (const [, span] of records) span.end();
  }
}

/** The chunk's trace, or null when tracing is off (the caller then runs the chunk as it is). */
export function traceChunk(records: readonly TracedRecord[]): ChunkTrace | null {
  return tracingEnabled() && records.length > 0 ? new ChunkTrace(records) : null;
}

/**
 * Called where a record gets its correlation id (`correlationIdOf`): from then on what carries
 * that id (outbox rows, the matching decision) belongs to the record's trace. A no-op when off.
 */
export function noteCorrelation(record: TracedRecord, correlationId: string, inboundMessageId: string): void {
  if (!tracingEnabled()) return;
  (context.active().getValue(CHUNK) as ChunkTrace | undefined)?.bind(record, correlationId, inboundMessageId);
}

/**
 * The context an effect of `correlationId` continues: its record's span inside a traced chunk,
 * else the active span (an HTTP request, the per-message path); undefined when there is none.
 */
export function originContext(correlationId?: string | null): Context | undefined {
  if (!tracingEnabled()) return undefined;
  const active = context.active();
  const recordSpan = correlationId ? (active.getValue(CHUNK) as ChunkTrace | undefined)?.spanOf(correlationId) : undefined;
  if (recordSpan) return trace.setSpan(active, recordSpan);
  const span = trace.getSpan(active);
  return span && isSpanContextValid(span.spanContext()) ? active : undefined;
}

/**
 * Runs one attempt at a chunk (`fn` resolves to the records' outcomes, or null when the attempt
 * failed and will be retried) inside its `ChunkTrace`; a plain call when tracing is off.
 */
export async function withChunkTrace<T extends readonly TracedOutcome[] | null>(records: readonly TracedRecord[], fn: () => Promise<T>): Promise<T> {
  const traced = traceChunk(records);
  if (!traced) return fn();
  try {
    const outcomes = await traced.run(fn);
    traced.end(outcomes ? { outcomes } : { error: new Error('the chunk failed and is retried') });
    return outcomes;
  } catch (e) {
    traced.end({ error: e });
    throw e;
  }
}
