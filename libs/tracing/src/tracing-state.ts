import { type Tracer, trace } from '@opentelemetry/api';

/**
 * Whether the SDK was started in this process (`startTracing`). Every hook of this library checks
 * it first, so with tracing off the hot path pays one boolean test per chunk, row or decision: no
 * span objects, no context switches, no header parsing.
 */
let enabled = false;

export function tracingEnabled(): boolean {
  return enabled;
}

/** Called by `startTracing` once the SDK is registered (and by tests that register a provider themselves). */
export function markTracingEnabled(on = true): void {
  enabled = on;
}

export const TRACER_NAME = 'ereceipt-hub';

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}
