import { type Admin, type Consumer, Kafka, logLevel, type Producer, type EachBatchPayload, type IHeaders, Partitioners } from 'kafkajs';
import { withoutClientSpans } from '@ereceipt/tracing';
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

/** What the consumer's instrumentation events tell (kafkajs GROUP_JOIN, REBALANCING, FETCH, HEARTBEAT, CRASH). */
export interface ConsumerObserver {
  /** consumer.run() began: the member is joining the group. */
  starting(): void;
  joined(assignedPartitions: number): void;
  /** The group is rebalancing or dropped this member: it has to rejoin before it consumes again. */
  rebalancing(): void;
  fetched(): void;
  heartbeat(): void;
  crashed(error: Error, willRestart: boolean): void;
}

/**
 * Group timeouts derived from the session timeout. The rebalance timeout bounds how long a join
 * waits for members to rejoin; a member that dies while its own join is pending counts as alive
 * until then, and is dropped one session timeout later.
 */
export function groupTimeouts(sessionTimeoutMs: number): { sessionTimeoutMs: number; rebalanceTimeoutMs: number; heartbeatIntervalMs: number } {
  return { sessionTimeoutMs, rebalanceTimeoutMs: Math.max(sessionTimeoutMs, 30_000), heartbeatIntervalMs: Math.min(3_000, Math.floor(sessionTimeoutMs / 3)) };
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
    // The messages carry their own trace context (the relay's per-row spans): no client spans over them.
    await withoutClientSpans(() => producer.sendBatch({ acks: -1, topicMessages: batches.map((b) => ({ topic: b.topic, messages: b.messages })) }));
  }

  /**
   * Runs a consumer with manual commits: nothing is committed until `commit` is called. Resolves
   * once connected and subscribed, without waiting for the first group join (which can take a
   * session timeout or more when dead members are still in the group); `observer` follows it.
   */
  async runConsumer(options: {
    groupId: string;
    topics: string[];
    partitionsConsumedConcurrently: number;
    sessionTimeoutMs: number;
    maxRestarts: number;
    observer?: Partial<ConsumerObserver>;
    onBatch(batch: BatchContext): Promise<void>;
  }): Promise<ConsumerHandle> {
    const observer = options.observer ?? {};
    const timeouts = groupTimeouts(options.sessionTimeoutMs);
    let restarts = 0;
    let stopping = false;
    // Bumped by every join; a batch fetched in an older generation, or while the group is known to
    // be rebalancing, stops at its next chunk so this member rejoins without holding the group up.
    let generation = 0;
    let membershipLost = false;
    // Batches being handled now: stop() waits for them while the runner still runs (see stop()).
    const inHand = new Set<Promise<void>>();
    const lost = (e: unknown): void => {
      if (groupMembershipError(e) === null) return;
      membershipLost = true;
      observer.rebalancing?.();
    };
    const consumer: Consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: timeouts.sessionTimeoutMs,
      rebalanceTimeout: timeouts.rebalanceTimeoutMs,
      heartbeatInterval: timeouts.heartbeatIntervalMs,
      retry: { retries: 8, restartOnFailure: async () => !stopping && ++restarts <= options.maxRestarts },
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      generation++;
      membershipLost = false;
      observer.joined?.(Object.values(event.payload.memberAssignment).reduce((n, partitions) => n + partitions.length, 0));
    });
    consumer.on(consumer.events.REBALANCING, () => {
      membershipLost = true;
      observer.rebalancing?.();
    });
    consumer.on(consumer.events.FETCH, () => observer.fetched?.());
    consumer.on(consumer.events.HEARTBEAT, () => observer.heartbeat?.());
    consumer.on(consumer.events.CRASH, (event) => observer.crashed?.(event.payload.error, event.payload.restart));
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    observer.starting?.();
    const running = consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      eachBatch: async (payload: EachBatchPayload) => {
        const { batch } = payload;
        const fetchedIn = generation;
        if (stopping) return;
        const handled = options.onBatch({
          records: batch.messages.map((m) => ({
            channel: 'kafka',
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString() : null,
            headers: headersToStrings(m.headers),
            value: m.value ?? Buffer.alloc(0),
          })),
          isActive: () => !stopping && payload.isRunning() && !payload.isStale() && !membershipLost && fetchedIn === generation,
          heartbeat: async () => {
            try {
              await payload.heartbeat();
            } catch (e) {
              lost(e);
              throw e;
            }
          },
          commit: async (offset: string) => {
            payload.resolveOffset(offset);
            try {
              await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(offset) + 1n).toString() }]);
            } catch (e) {
              lost(e);
              // The commit's retrier wraps "not a member any more" / "rebalancing" in a non-retriable
              // error, which kafkajs would treat as a crash. Rethrow the protocol error itself: the
              // runner then rejoins the group, and the uncommitted records come again (deduped).
              throw groupMembershipError(e) ?? e;
            }
          },
        });
        inHand.add(handled);
        try {
          await handled;
        } finally {
          inHand.delete(handled);
        }
      },
    });
    // run() settles after the first join; its failures go through CRASH, except a refusal to start.
    running.catch((e: unknown) => observer.crashed?.(e instanceof Error ? e : new Error(String(e)), false));
    return {
      /**
       * Graceful stop (issue #16): the batches in hand finish the chunk they are in (its transaction
       * commits) and commit its offsets, then the member leaves the group. kafkajs' own disconnect()
       * marks the runner stopped before it waits for the batch, and a commit of a stopped runner is
       * silently dropped: the chunk committed in PostgreSQL would have come again after a restart.
       * So the batches are awaited first, with fetching paused, while the runner still commits.
       */
      stop: async () => {
        stopping = true;
        consumer.pause(options.topics.map((topic) => ({ topic })));
        await Promise.allSettled([...inHand]);
        await consumer.disconnect();
      },
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
