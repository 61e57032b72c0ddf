import { Counter, Gauge, Histogram } from 'prom-client';

/** Prometheus metrics of the backbone (served by GET /metrics from the default registry). */
export const messagingMetrics = {
  consumed: new Counter({ name: 'ereceipt_messages_consumed_total', help: 'Inbound messages read from Kafka or HTTP', labelNames: ['topic'] }),
  processed: new Counter({ name: 'ereceipt_messages_processed_total', help: 'Inbound messages whose effects were applied', labelNames: ['topic'] }),
  deduplicated: new Counter({ name: 'ereceipt_messages_deduplicated_total', help: 'Inbound messages recognised as duplicates', labelNames: ['topic'] }),
  deadLettered: new Counter({ name: 'ereceipt_messages_dead_lettered_total', help: 'Inbound messages sent to the DLQ', labelNames: ['topic', 'code'] }),
  batchRetries: new Counter({ name: 'ereceipt_consumer_batch_retries_total', help: 'Batches retried after a transient failure', labelNames: ['topic'] }),
  batchSeconds: new Histogram({ name: 'ereceipt_consumer_batch_seconds', help: 'Time to process one batch in one transaction', labelNames: ['topic'], buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] }),
  published: new Counter({ name: 'ereceipt_outbox_published_total', help: 'Outbox rows published to Kafka', labelNames: ['topic'] }),
  parked: new Counter({ name: 'ereceipt_outbox_parked_total', help: 'Outbox rows parked after a permanent publish failure', labelNames: ['topic'] }),
  outboxBacklog: new Gauge({ name: 'ereceipt_outbox_backlog', help: 'Outbox rows waiting to be published' }),
  consumerLag: new Gauge({ name: 'ereceipt_consumer_lag', help: 'Messages behind the latest offset, per topic and partition', labelNames: ['topic', 'partition'] }),
  consumerUp: new Gauge({ name: 'ereceipt_consumer_up', help: '1 while the Kafka consumer runs, 0 when stopped or crashed' }),
};
