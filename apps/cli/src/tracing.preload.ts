import { tracingConfig } from '@ereceipt/config';
import { startTracing } from '@ereceipt/tracing';

/**
 * `ereceipt hub` with OTEL_EXPORTER_OTLP_ENDPOINT set: the OpenTelemetry SDK starts here, before
 * the commands' modules load pg, kafkajs, express and pino (their instrumentations patch them as
 * they are required). Imported first by main.ts; every other command, and a hub without the
 * variable, never loads the SDK.
 */
if (process.argv[2] === 'hub') startTracing(tracingConfig());
