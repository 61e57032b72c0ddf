import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { withChunkTrace } from '@ereceipt/tracing';
import { classifyError, errorMessage } from './error-policy';
import { HandlerRegistry } from './handler-registry';
import { type BatchContext, type ConsumerHandle, groupMembershipError, groupTimeouts, KafkaAdapter } from './kafka.adapter';
import { ConsumerHealth } from './consumer-health';
import { consumerHealthPolicy, joinedGroup, judgeConsumer, type ConsumerVerdict } from './consumer-health.rules';
import { processRecordsInBatch } from './inbound-batch.pipeline';
import type { RecordOutcome } from './inbound-pipeline';
import { messagingMetrics as m } from './messaging.metrics';
import type { InboundRecord } from './inbound-record';

const MAX_BACKOFF_MS = 30_000;

export type ConsumerState = 'idle' | 'running' | 'retrying' | 'stopped' | 'crashed';

/**
 * The inbound Kafka consumer: one transaction per chunk (INBOUND_BATCH_SIZE) of a partition's batch, offsets committed
 * only after the database commit, transient failures retried with backoff (heartbeating), never
 * skipped. A consumer that crashes for good ends the process, so no zombie keeps running.
 * `health()` says whether it really consumes (joined, assigned, fetching or heartbeating).
 */
@Injectable()
export class InboundConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('InboundConsumer');
  private handle: ConsumerHandle | null = null;
  private readonly unknownAttempts = new Map<string, number>();
  state: ConsumerState = 'idle';
  lastError: string | null = null;
  private readonly tracker = new ConsumerHealth();

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly orm: MikroORM,
    private readonly kafka: KafkaAdapter,
    private readonly handlers: HandlerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.roles.has('consumers')) return;
    const only = this.config.kafka.consumeTopics;
    const topics = this.handlers.topics().filter((t) => !only || only.includes(t));
    if (topics.length === 0) return;
    this.handle = await this.kafka.runConsumer({
      groupId: this.config.kafka.groupId,
      topics,
      partitionsConsumedConcurrently: this.config.kafka.partitionsConcurrency,
      sessionTimeoutMs: this.config.kafka.sessionTimeoutMs,
      maxRestarts: 5,
      observer: { ...bind(this.tracker), crashed: (error, willRestart) => this.onCrash(error, willRestart) },
      onBatch: (batch) => this.onBatch(batch),
    });
    this.state = 'running';
    m.consumerUp.set(1);
    // The first join completes in the background (a session timeout or more when dead members are
    // still in the group); until then health() says "joining".
    this.log.log(`consuming ${topics.join(', ')} as group ${this.config.kafka.groupId}`);
  }

  /** The consumer-health verdict now; also refreshes the consumer gauges. */
  health(now = Date.now()): ConsumerVerdict {
    const t = groupTimeouts(this.config.kafka.sessionTimeoutMs);
    const verdict = judgeConsumer(this.tracker.snapshot(this.state, this.lastError), now, consumerHealthPolicy(t.sessionTimeoutMs, t.rebalanceTimeoutMs));
    this.tracker.exportAges(now);
    m.consumerReady.set(verdict.ready ? 1 : 0);
    m.consumerJoined.set(joinedGroup(verdict) ? 1 : 0);
    return verdict;
  }

  private onCrash(error: Error, willRestart: boolean): void {
    m.consumerCrashes.inc({ restart: String(willRestart) });
    // Shutting down: disconnect() fails an unfinished join, which kafkajs reports as a crash.
    if (this.state === 'stopped') return;
    this.lastError = error.message;
    this.log.error({ err: error, willRestart }, `Kafka consumer crashed: ${error.message}`);
    if (willRestart) {
      this.tracker.restarting();
    } else {
      this.state = 'crashed';
      m.consumerUp.set(0);
      this.log.fatal('Kafka consumer will not restart; exiting so the supervisor restarts the hub');
      process.exitCode = 70;
      setTimeout(() => process.exit(70), 500).unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.handle) return;
    this.state = 'stopped';
    // disconnect() waits for the in-flight batch, which commits, then leaves the group;
    // the ORM closes later, in onApplicationShutdown.
    await this.handle.stop();
    m.consumerUp.set(0);
  }

  private keyOf(r: InboundRecord): string {
    return `${r.topic}/${r.partition}/${r.offset}`;
  }

  private async onBatch(batch: BatchContext): Promise<void> {
    const size = this.config.kafka.inboundBatchSize;
    for (let i = 0; i < batch.records.length; i += size) {
      const chunk = batch.records.slice(i, i + size);
      if (!(await this.processChunkWithRetry(batch, chunk))) return;
      // A batch of a long backlog holds thousands of records: heartbeat between chunks, or the
      // group evicts this member mid-batch (kafkajs only heartbeats when asked, or between fetches).
      await batch.heartbeat();
    }
  }

  /**
   * Returns false when the consumer is stopping or lost the partition (nothing is committed then).
   * Transient failures of the transaction retry here, with backoff; a failed offset commit (the
   * group rebalanced, this member was evicted) is thrown to kafkajs so it rejoins: the records come
   * again and are recognised by their archive rows.
   */
  private async processChunkWithRetry(batch: BatchContext, chunk: InboundRecord[]): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      if (!batch.isActive()) return false;
      // Tracing (a plain call when off): a span per record in its own trace, one for the transaction (libs/tracing).
      const outcomes = await withChunkTrace(chunk, () => this.tryProcess(chunk, attempt, () => batch.heartbeat()));
      if (outcomes === null) {
        await this.sleepWithHeartbeat(batch, Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempt, 7)));
        continue;
      }
      await batch.commit(chunk[chunk.length - 1].offset!);
      this.record(chunk, outcomes);
      if (this.state === 'retrying') this.state = 'running';
      return true;
    }
  }

  /** One transaction for the chunk; null when it failed and should be retried. */
  private async tryProcess(chunk: InboundRecord[], attempt: number, heartbeat: () => Promise<void>): Promise<RecordOutcome[] | null> {
    const topic = chunk[0].topic;
    const stop = m.batchSeconds.startTimer({ topic });
    m.consumed.inc({ topic }, chunk.length);
    try {
      return await processRecordsInBatch(this.orm.em.fork(), chunk, {
        consumer: this.config.kafka.groupId,
        handlerFor: (t) => this.handlers.get(t),
        attemptsOf: (r) => this.unknownAttempts.get(this.keyOf(r)) ?? 0,
        between: heartbeat,
        onFallback: (e) => {
          m.batchFallbacks.inc({ topic });
          this.log.warn({ topic, err: e }, `batch failed (${errorMessage(e)}); going through it again one message at a time`);
        },
      });
    } catch (e) {
      // A heartbeat between records found the group rebalancing (or this member evicted): the
      // transaction rolled back; stop here and let kafkajs rejoin. Nothing was committed.
      const membership = groupMembershipError(e);
      if (membership) throw membership;
      const kind = classifyError(e);
      if (kind === 'unknown') for (const r of chunk) this.unknownAttempts.set(this.keyOf(r), (this.unknownAttempts.get(this.keyOf(r)) ?? 0) + 1);
      this.state = 'retrying';
      this.lastError = errorMessage(e);
      m.batchRetries.inc({ topic });
      this.log.warn({ topic, attempt, kind, err: e }, `batch failed (${kind}), retrying: ${this.lastError}`);
      return null;
    } finally {
      stop();
    }
  }

  private record(chunk: InboundRecord[], outcomes: RecordOutcome[]): void {
    const topic = chunk[0].topic;
    for (const [j, o] of outcomes.entries()) {
      const r = chunk[j];
      this.unknownAttempts.delete(this.keyOf(r));
      if (o.status === 'duplicate') {
        m.deduplicated.inc({ topic });
      } else if (o.status === 'dead-lettered') {
        m.deadLettered.inc({ topic, code: o.code });
        this.log.warn({ topic, offset: r.offset, inboundMessageId: o.inboundMessageId, code: o.code }, `dead-lettered: ${o.message}`);
      } else {
        m.processed.inc({ topic });
        if (o.rejected) {
          m.deadLettered.inc({ topic, code: o.rejected.code });
          this.log.warn({ topic, offset: r.offset, inboundMessageId: o.inboundMessageId, code: o.rejected.code }, `partly rejected, copy sent to the DLQ: ${o.rejected.message}`);
        }
      }
    }
  }

  private async sleepWithHeartbeat(batch: BatchContext, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && batch.isActive()) {
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      // A rebalance (or eviction) ends the wait: kafkajs must rejoin, the chunk comes again.
      await batch.heartbeat().catch((e: unknown) => {
        const membership = groupMembershipError(e);
        if (membership) throw membership;
      });
    }
  }
}

/** The tracker's methods as an observer (bound, since kafkajs calls them as plain functions). */
function bind(t: ConsumerHealth) {
  return { starting: () => t.starting(), joined: (n: number) => t.joined(n), rebalancing: () => t.rebalancing(), fetched: () => t.fetched(), heartbeat: () => t.heartbeat() };
}
