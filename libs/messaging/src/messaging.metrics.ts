import { Counter, Gauge, Histogram } from 'prom-client';

/** Prometheus metrics of the backbone (served by GET /metrics from the default registry). */
export const messagingMetrics = {
  consumed: new Counter({ name: 'ereceipt_messages_consumed_total', help: 'Inbound messages read from Kafka or HTTP', labelNames: ['topic'] }),
  processed: new Counter({ name: 'ereceipt_messages_processed_total', help: 'Inbound messages whose effects were applied', labelNames: ['topic'] }),
  deduplicated: new Counter({ name: 'ereceipt_messages_deduplicated_total', help: 'Inbound messages recognised as duplicates', labelNames: ['topic'] }),
  deadLettered: new Counter({ name: 'ereceipt_messages_dead_lettered_total', help: 'Inbound messages sent to the DLQ', labelNames: ['topic', 'code'] }),
  batchRetries: new Counter({ name: 'ereceipt_consumer_batch_retries_total', help: 'Batches retried after a transient failure', labelNames: ['topic'] }),
  batchFallbacks: new Counter({ name: 'ereceipt_consumer_batch_fallbacks_total', help: 'Batches that failed for a non-transient reason and went again one savepoint per message', labelNames: ['topic'] }),
  batchSeconds: new Histogram({ name: 'ereceipt_consumer_batch_seconds', help: 'Time to process one batch in one transaction', labelNames: ['topic'], buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] }),
  published: new Counter({ name: 'ereceipt_outbox_published_total', help: 'Outbox rows published to Kafka', labelNames: ['topic'] }),
  parked: new Counter({ name: 'ereceipt_outbox_parked_total', help: 'Outbox rows parked after a permanent publish failure', labelNames: ['topic'] }),
  outboxBacklog: new Gauge({ name: 'ereceipt_outbox_backlog', help: 'Outbox rows waiting to be published' }),
  consumerLag: new Gauge({ name: 'ereceipt_consumer_lag', help: 'Messages behind the latest offset, per topic and partition', labelNames: ['topic', 'partition'] }),
  consumerUp: new Gauge({ name: 'ereceipt_consumer_up', help: '1 while the Kafka consumer runs, 0 when stopped or crashed' }),
  consumerJoined: new Gauge({ name: 'ereceipt_consumer_joined', help: '1 when the consumer has joined its group (with or without partitions), 0 while joining or crashed (readiness of a consumer-only replica)' }),
  consumerReady: new Gauge({ name: 'ereceipt_consumer_ready', help: '1 when the consumer-health rules say the consumer consumes, 0 otherwise (the /health/ready verdict)' }),
  assignedPartitions: new Gauge({ name: 'ereceipt_consumer_assigned_partitions', help: 'Partitions assigned to this member in the last group join' }),
  secondsSinceFetch: new Gauge({ name: 'ereceipt_consumer_seconds_since_last_fetch', help: 'Seconds since the consumer last completed a fetch (-1 before the first)' }),
  secondsSinceHeartbeat: new Gauge({ name: 'ereceipt_consumer_seconds_since_last_heartbeat', help: 'Seconds since the consumer last completed a heartbeat (-1 before the first)' }),
  rebalances: new Counter({ name: 'ereceipt_consumer_rebalances_total', help: 'Times this member found its group rebalancing and rejoined' }),
  groupJoins: new Counter({ name: 'ereceipt_consumer_group_joins_total', help: 'Completed group joins (one per generation this member took part in)' }),
  consumerCrashes: new Counter({ name: 'ereceipt_consumer_crashes_total', help: 'kafkajs consumer crashes', labelNames: ['restart'] }),
};
