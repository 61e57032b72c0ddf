import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { decisionClock, markTracingEnabled, noteCorrelation, outboxTraceContext, tracePublish, traceDecisions, traceChunk, withChunkTrace } from './index';

/**
 * The span shapes of docs/architecture.md "Tracing", on the real SDK with an in-memory exporter
 * (the end-to-end suite test/e2e/tracing.e2e-spec.ts checks the same through the built hub).
 */
describe('libs/tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const flush = () => provider.forceFlush();
  const manager = new AsyncLocalStorageContextManager();
  const record = (offset: string, headers: Record<string, string> = {}) => ({ topic: 'bank.remittance.mt103', partition: 0, offset, key: 'k', headers });
  const spans = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name === name);
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const upstream = { trace: 'a'.repeat(32), span: 'b'.repeat(16) };

  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(() => {
    markTracingEnabled(false);
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  it('off: no span, no context, nothing stored (the hot path pays one boolean test)', async () => {
    markTracingEnabled(false);
    expect(traceChunk([record('1')])).toBeNull();
    expect(tracePublish([{ id: 'x', topic: 'hub.remittances', key: 'k', traceparent: null, tracestate: null }])).toBeNull();
    expect(await withChunkTrace([record('1')], async () => [{ status: 'processed' }])).toEqual([{ status: 'processed' }]);
    expect(outboxTraceContext('c')).toBeNull();
    expect(decisionClock()).toBeUndefined();
    await flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a chunk: each record in its own trace (continuing its traceparent), the transaction under the first and linked both ways to the others; effects find their record by correlation id', async () => {
    markTracingEnabled(true);
    const a = record('10', { traceparent: `00-${upstream.trace}-${upstream.span}-01` });
    const b = record('11');
    const outcomes = await withChunkTrace([a, b], async () => {
      noteCorrelation(a, 'corr-a', '1');
      noteCorrelation(b, 'corr-b', '2');
      const clock = decisionClock();
      traceDecisions(clock, [{ remittanceId: 'r-b', correlationId: 'corr-b' }], [{ outcome: 'AUTO', reason: 'R', ruleVersion: 'v', candidates: [1] }]);
      return [{ status: 'processed', inboundMessageId: '1' }, { status: 'dead-lettered', inboundMessageId: '2', code: 'MT103.BAD_32A' }];
    });
    expect(outcomes).toHaveLength(2);
    await flush();
    const [spanA, spanB] = spans('process bank.remittance.mt103').sort((x, y) => Number(x.attributes['messaging.kafka.offset']) - Number(y.attributes['messaging.kafka.offset']));
    expect(spanA.spanContext().traceId).toBe(upstream.trace);
    expect(parentOf(spanA)).toBe(upstream.span);
    expect(spanA.kind).toBe(SpanKind.CONSUMER);
    expect(spanB.spanContext().traceId).not.toBe(upstream.trace);
    expect(parentOf(spanB)).toBeUndefined();
    expect(spanB.attributes).toMatchObject({ 'ereceipt.inbound.outcome': 'dead-lettered', 'ereceipt.error_code': 'MT103.BAD_32A', 'ereceipt.inbound_message_id': '2' });
    const [tx] = spans('inbound transaction bank.remittance.mt103');
    expect(parentOf(tx)).toBe(spanA.spanContext().spanId);
    expect(tx.links.map((l) => l.context.spanId)).toEqual([spanB.spanContext().spanId]);
    expect(spanB.links.map((l) => l.context.spanId)).toEqual([tx.spanContext().spanId]);
    const [decision] = spans('matching decide');
    expect(decision.spanContext().traceId).toBe(spanB.spanContext().traceId);
    expect(parentOf(decision)).toBe(spanB.spanContext().spanId);
    expect(decision.attributes).toMatchObject({ 'ereceipt.matching.outcome': 'AUTO', 'ereceipt.matching.candidates': 1 });
  });

  it('an outbox row keeps its record\'s traceparent; the relay\'s send continues it and a row without one goes under the pass', async () => {
    markTracingEnabled(true);
    const a = record('20', { traceparent: `00-${upstream.trace}-${upstream.span}-01` });
    let stored: ReturnType<typeof outboxTraceContext> = null;
    await withChunkTrace([a], async () => {
      noteCorrelation(a, 'corr-a', '1');
      stored = outboxTraceContext('corr-a');
      return [{ status: 'processed' }];
    });
    await flush();
    const [consume] = spans('process bank.remittance.mt103');
    expect(stored).toEqual({ traceparent: `00-${upstream.trace}-${consume.spanContext().spanId}-01`, tracestate: null });
    const published = tracePublish([
      { id: 'e1', topic: 'hub.remittances', key: 'r1', traceparent: stored!.traceparent, tracestate: null },
      { id: 'e2', topic: 'hub.orders', key: 'o1', traceparent: null, tracestate: null },
    ])!;
    const headers = [published.headersOf(0), published.headersOf(1)];
    published.end();
    await flush();
    const [sendA] = spans('send hub.remittances');
    const [sendB] = spans('send hub.orders');
    const [pass] = spans('outbox publish');
    expect(parentOf(sendA)).toBe(consume.spanContext().spanId);
    expect(sendA.spanContext().traceId).toBe(upstream.trace);
    expect(parentOf(sendB)).toBe(pass.spanContext().spanId);
    expect(pass.links.map((l) => l.context.spanId)).toEqual([sendA.spanContext().spanId, sendB.spanContext().spanId]);
    expect(headers[0]).toEqual({ traceparent: `00-${upstream.trace}-${sendA.spanContext().spanId}-01` });
  });

  it('a chunk that fails marks every span as an error and rethrows', async () => {
    markTracingEnabled(true);
    await expect(withChunkTrace([record('30')], async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
    await flush();
    expect(spans('inbound transaction bank.remittance.mt103')[0].status).toMatchObject({ code: 2, message: 'connection lost' });
    expect(spans('process bank.remittance.mt103')[0].status.code).toBe(2);
  });
});
