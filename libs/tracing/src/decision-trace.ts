import { context, SpanKind, type TimeInput } from '@opentelemetry/api';
import { originContext } from './inbound-trace';
import { tracer, tracingEnabled } from './tracing-state';

export interface TracedDecision {
  outcome: string;
  reason: string;
  ruleVersion: string;
  candidates?: readonly unknown[];
}

/** When a stage started, for `traceDecisions` (undefined when tracing is off: nothing to measure). */
export function decisionClock(): TimeInput | undefined {
  return tracingEnabled() ? Date.now() : undefined;
}

/**
 * One `matching decide` span per wire, in the trace of the record the wire came in (a child of its
 * record span, found by correlation id), from `startedAt` to now: matching decides a chunk's wires
 * together in rounds of set-based reads, so each span covers the batch's matching and says what was
 * decided for its wire. A no-op when tracing is off.
 */
export function traceDecisions(
  startedAt: TimeInput | undefined,
  wires: ReadonlyArray<{ remittanceId: string; correlationId?: string | null | undefined }>,
  decisions: ReadonlyArray<TracedDecision | undefined>,
): void {
  if (startedAt === undefined || !tracingEnabled()) return;
  wires.forEach((wire, i) => {
    const d = decisions[i];
    if (!d) return;
    const span = tracer().startSpan(
      'matching decide',
      {
        kind: SpanKind.INTERNAL,
        startTime: startedAt,
        attributes: {
          'ereceipt.remittance_id': wire.remittanceId,
          'ereceipt.matching.outcome': d.outcome,
          'ereceipt.matching.reason': d.reason,
          'ereceipt.matching.rule_version': d.ruleVersion,
          'ereceipt.matching.batch_size': wires.length,
          ...(d.candidates ? { 'ereceipt.matching.candidates': d.candidates.length } : {}),
        },
      },
      originContext(wire.correlationId) ?? context.active(),
    );
    span.end();
  });
}
