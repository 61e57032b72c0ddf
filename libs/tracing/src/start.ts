import type { TracingConfig } from '@ereceipt/config';
import { markTracingEnabled } from './tracing-state';

interface Started {
  shutdown(): Promise<void>;
}

let started: Started | null = null;

/**
 * Starts the OpenTelemetry SDK when tracing is configured, and does nothing at all otherwise: the
 * SDK, the exporter and the instrumentations are `require`d only here, so a hub without
 * OTEL_EXPORTER_OTLP_ENDPOINT never loads them. It must run before pg, kafkajs, express, http
 * and pino are first required (their instrumentations patch them as they load): the hub's entry
 * points call it before importing anything else (apps/cli/src/tracing.preload.ts, `runHub` in apps/hub/src/main.ts).
 */
export function startTracing(config: TracingConfig | null): boolean {
  if (!config) return false;
  if (started) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const { startSdk } = require('./sdk') as typeof import('./sdk');
  started = startSdk(config);
  markTracingEnabled();
  return true;
}

/** Flushes the spans still buffered and stops the exporter (graceful shutdown); a no-op when off. */
export async function stopTracing(): Promise<void> {
  const s = started;
  started = null;
  if (!s) return;
  await s.shutdown().catch(() => undefined);
}
