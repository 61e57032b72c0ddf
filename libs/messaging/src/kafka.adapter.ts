import { type Admin, type Consumer, Kafka, logLevel, type Producer, type EachBatchPayload, type IHeaders, Partitioners } from 'kafkajs';
import type { InboundRecord } from './inbound-record';

/**
 * The one place that knows kafkajs (unmaintained since 2023; see docs/architecture.md), so a
 * successor client is a one-module change.
 */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

export interface OutgoingMessage {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

export interface BatchContext {
  records: InboundRecord[];
  isActive(): boolean;
  heartbeat(): Promise<void>;
  /** Marks everything up to and including `offset` of this partition as done and commits it. */
  commit(offset: string): Promise<void>;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
  onCrash(listener: (error: Error, willRestart: boolean) => void): void;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

export class KafkaAdapter {
  private readonly kafka: Kafka;

  constructor(settings: KafkaSettings) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 30_000 },
    });
  }

  admin(): Admin {
    return this.kafka.admin();
  }

  /** Creates the missing topics (auto-create is off on our brokers). */
  async ensureTopics(topics: string[], partitions: number): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })) });
      }
      return missing;
    } finally {
      await admin.disconnect();
    }
  }

  /** Idempotent producer, one request in flight, so per-key order survives retries. */
  async connectProducer(): Promise<Producer> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return producer;
  }

  static async send(producer: Producer, batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    await producer.sendBatch({ acks: -1, topicMessages: batches.map((b) => ({ topic: b.topic, messages: b.messages })) });
  }

  /** Runs a consumer with manual commits: nothing is committed until `commit` is called. */
  async runConsumer(options: {
    groupId: string;
    topics: string[];
    partitionsConsumedConcurrently: number;
    sessionTimeoutMs: number;
    maxRestarts: number;
    onBatch(batch: BatchContext): Promise<void>;
  }): Promise<ConsumerHandle> {
    let restarts = 0;
    const consumer: Consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: Math.max(options.sessionTimeoutMs, 30_000),
      heartbeatInterval: Math.min(3_000, Math.floor(options.sessionTimeoutMs / 3)),
      retry: { retries: 8, restartOnFailure: async () => ++restarts <= options.maxRestarts },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      eachBatch: async (payload: EachBatchPayload) => {
        const { batch } = payload;
        await options.onBatch({
          records: batch.messages.map((m) => ({
            channel: 'kafka',
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString() : null,
            headers: headersToStrings(m.headers),
            value: m.value ?? Buffer.alloc(0),
          })),
          isActive: () => payload.isRunning() && !payload.isStale(),
          heartbeat: () => payload.heartbeat(),
          commit: async (offset: string) => {
            payload.resolveOffset(offset);
            try {
              await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(offset) + 1n).toString() }]);
            } catch (e) {
              // The commit's retrier wraps "not a member any more" / "rebalancing" in a non-retriable
              // error, which kafkajs would treat as a crash. Rethrow the protocol error itself: the
              // runner then rejoins the group, and the uncommitted records come again (deduped).
              throw groupMembershipError(e) ?? e;
            }
          },
        });
      },
    });
    return {
      stop: () => consumer.disconnect(),
      onCrash: (listener) => {
        consumer.on(consumer.events.CRASH, (event) => listener(event.payload.error, event.payload.restart));
      },
    };
  }

  /** Consumer lag per topic-partition for a group: latest offset minus committed offset. */
  async lag(groupId: string, topics: string[]): Promise<Array<{ topic: string; partition: number; lag: bigint }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const out: Array<{ topic: string; partition: number; lag: bigint }> = [];
      const committed = await admin.fetchOffsets({ groupId, topics });
      for (const t of committed) {
        const latest = await admin.fetchTopicOffsets(t.topic);
        for (const p of t.partitions) {
          const high = BigInt(latest.find((l) => l.partition === p.partition)?.high ?? '0');
          const low = BigInt(latest.find((l) => l.partition === p.partition)?.low ?? '0');
          const done = p.offset === '-1' ? low : BigInt(p.offset);
          out.push({ topic: t.topic, partition: p.partition, lag: high > done ? high - done : 0n });
        }
      }
      return out;
    } finally {
      await admin.disconnect();
    }
  }
}

const MEMBERSHIP_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION']);

/** The group-membership protocol error inside `e` (or its causes), if that is what failed. */
export function groupMembershipError(e: unknown): Error | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const type = (cur as { type?: unknown }).type;
    if (typeof type === 'string' && MEMBERSHIP_ERRORS.has(type)) return cur;
  }
  return null;
}
