import type { IncomingMessage } from 'node:http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import type { TracingConfig } from '@ereceipt/config';

/** A chunk links to each of its records and a relay pass to each of its rows: keep that many links (the SDK's default is 128). */
const LINKS_PER_SPAN = 10_000;

/**
 * The SDK (only ever loaded by `startTracing`): traces over OTLP/HTTP (JSON, to
 * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`), W3C trace context, and the instrumentations of the
 * clients the hub uses. Metrics stay with Prometheus (`/metrics`) and logs with pino (which gets
 * `trace_id` / `span_id` from the pino instrumentation), so no OTel metric reader or log exporter.
 */
export function startSdk(config: TracingConfig): { shutdown(): Promise<void> } {
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [],
    logRecordProcessors: [],
    spanLimits: { linkCountLimit: LINKS_PER_SPAN },
    instrumentations: [
      // Probes and scrapes would be most of the traces of an idle hub.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req: IncomingMessage) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') }),
      new ExpressInstrumentation(),
      // Only statements inside a traced unit of work (a chunk, a relay pass, a request): the relay's
      // polls, LISTEN and the schedulers' lock probes would otherwise be a trace each.
      new PgInstrumentation({ requireParentSpan: true }),
      // Its consumer spans (`poll` per fetched batch, `process` per message) are kept; its producer
      // spans are suppressed on the relay's sends, which carry each row's own context (libs/tracing README).
      new KafkaJsInstrumentation(),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
