/** Kafka header names partners and downstream consumers rely on (docs/contract.md). */
export const cloudEventHeaders = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
} as const;

/**
 * W3C trace context (docs/contract.md "Trace context"): `traceparent` / `tracestate` on any Kafka
 * message, in and out; on an outbound event also the CloudEvents distributed-tracing extension
 * (`ce_traceparent` / `ce_tracestate` in binary mode): the context the event was created in.
 */
export const traceHeaders = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  ceTraceparent: 'ce_traceparent',
  ceTracestate: 'ce_tracestate',
} as const;

export const dlqHeaders = {
  errorCode: 'error-code',
  errorMessage: 'error-message',
  originalTopic: 'original-topic',
  originalPartition: 'original-partition',
  originalOffset: 'original-offset',
} as const;

export const CLOUD_EVENTS_SOURCE = '/ereceipt-hub';
