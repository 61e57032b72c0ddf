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

export const dlqHeaders = {
  errorCode: 'error-code',
  errorMessage: 'error-message',
  originalTopic: 'original-topic',
  originalPartition: 'original-partition',
  originalOffset: 'original-offset',
} as const;

export const CLOUD_EVENTS_SOURCE = '/ereceipt-hub';
