import { type Context, context, isSpanContextValid, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { originContext } from './inbound-trace';
import { tracer, tracingEnabled } from './tracing-state';

/** W3C trace context as it is stored in an outbox row and carried in Kafka headers. */
export interface TraceHeaders {
  traceparent: string;
  tracestate: string | null;
}

function headersOf(ctx: Context): TraceHeaders | null {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate ?? null } : null;
}

/**
 * The trace context an outbox row keeps (its columns `traceparent`, `tracestate`): the span of the
 * record whose correlation id it carries, else the active span; null when tracing is off or there
 * is no span (the relay then publishes it in a trace of its own).
 */
export function outboxTraceContext(correlationId?: string | null): TraceHeaders | null {
  const ctx = originContext(correlationId);
  return ctx ? headersOf(ctx) : null;
}

/** An outbox row as the relay reads it, for its publish span. */
export interface PublishedRow {
  id: string;
  topic: string;
  key: string;
  traceparent: string | null;
  tracestate: string | null;
}

/**
 * The relay's spans for one pass: a `send <topic>` span (PRODUCER) per row, the child of the
 * context stored in the row (so the publish continues the trace of the record that caused it; a
 * row without one becomes a child of the pass), and one `outbox publish` span for the pass, linked
 * to every row's span. `headersOf(i)` is the row's `traceparent` for the Kafka message.
 */
export class PublishTrace {
  private readonly pass: Span;
  private readonly sends: Span[];
  private readonly passContext: Context;
  private ended = false;

  constructor(rows: readonly PublishedRow[]) {
    this.pass = tracer().startSpan('outbox publish', { kind: SpanKind.INTERNAL, attributes: { 'messaging.batch.message_count': rows.length } }, ROOT_CONTEXT);
    this.passContext = trace.setSpan(context.active(), this.pass);
    this.sends = rows.map((row) => {
      const stored = row.traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent: row.traceparent, ...(row.tracestate ? { tracestate: row.tracestate } : {}) }) : ROOT_CONTEXT;
      const sc = trace.getSpanContext(stored);
      return tracer().startSpan(
        `send ${row.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': row.topic, 'messaging.kafka.message.key': row.key, 'messaging.message.id': row.id },
        },
        sc && isSpanContextValid(sc) ? stored : this.passContext,
      );
    });
    for (const s of this.sends) this.pass.addLink({ context: s.spanContext() });
  }

  headersOf(i: number): Record<string, string> {
    const span = this.sends[i];
    if (!span) return {};
    const h = headersOf(trace.setSpan(ROOT_CONTEXT, span));
    return h ? { traceparent: h.traceparent, ...(h.tracestate ? { tracestate: h.tracestate } : {}) } : {};
  }

  /** Runs the send and the status update with the pass span active. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return context.with(this.passContext, fn);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) {
      const message = error instanceof Error ? error.message : JSON.stringify(error);
      for (const s of [this.pass, ...this.sends]) s.setStatus({ code: SpanStatusCode.ERROR, message });
    }
    for (const s of this.sends) s.end();
    this.pass.end();
  }
}

export function tracePublish(rows: readonly PublishedRow[]): PublishTrace | null {
  return tracingEnabled() && rows.length > 0 ? new PublishTrace(rows) : null;
}

/**
 * Runs a Kafka send without the kafkajs instrumentation's producer spans: it would make every
 * message of a batch the child of one context and overwrite the `traceparent` the relay set from
 * each row's own trace. A plain call when tracing is off.
 */
export function withoutClientSpans<T>(fn: () => Promise<T>): Promise<T> {
  return tracingEnabled() ? context.with(suppressTracing(context.active()), fn) : fn();
}
