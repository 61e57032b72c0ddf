import type { ConsumerObserver } from './kafka.adapter';
import { type ConsumerPhase, type ConsumerSnapshot } from './consumer-health.rules';
import { messagingMetrics as m } from './messaging.metrics';

/**
 * Timestamps left by the consumer's instrumentation events, for `judgeConsumer` and the metrics.
 * A member has no usable assignment from the moment it starts joining or finds the group
 * rebalancing until a join gives it partitions again.
 */
export class ConsumerHealth implements Omit<ConsumerObserver, 'crashed'> {
  private startedAt: number | null = null;
  private joinedAt: number | null = null;
  private assignedPartitions = 0;
  private unassignedSince: number | null = null;
  private lastFetchAt: number | null = null;
  private lastHeartbeatAt: number | null = null;

  constructor(private readonly clock: () => number = Date.now) {}

  starting(): void {
    this.startedAt = this.clock();
    this.unassignedSince ??= this.startedAt;
  }

  joined(assignedPartitions: number): void {
    const now = this.clock();
    this.joinedAt = now;
    this.assignedPartitions = assignedPartitions;
    this.unassignedSince = assignedPartitions > 0 ? null : (this.unassignedSince ?? now);
    m.groupJoins.inc();
    m.assignedPartitions.set(assignedPartitions);
  }

  rebalancing(): void {
    // Counted once per loss of the assignment, however many batches notice it.
    if (this.unassignedSince === null) m.rebalances.inc();
    this.unassignedSince ??= this.clock();
  }

  fetched(): void {
    this.lastFetchAt = this.clock();
  }

  heartbeat(): void {
    this.lastHeartbeatAt = this.clock();
  }

  /** kafkajs restarts a crashed consumer with a fresh join: until then it has nothing assigned. */
  restarting(): void {
    this.assignedPartitions = 0;
    m.assignedPartitions.set(0);
    this.unassignedSince ??= this.clock();
  }

  snapshot(phase: ConsumerPhase, lastError: string | null): ConsumerSnapshot {
    const { startedAt, joinedAt, assignedPartitions, unassignedSince, lastFetchAt, lastHeartbeatAt } = this;
    return { phase, startedAt, joinedAt, assignedPartitions, unassignedSince, lastFetchAt, lastHeartbeatAt, lastError };
  }

  /** Sets the age gauges (-1 before the first fetch or heartbeat). */
  exportAges(now: number): void {
    m.secondsSinceFetch.set(this.lastFetchAt === null ? -1 : (now - this.lastFetchAt) / 1000);
    m.secondsSinceHeartbeat.set(this.lastHeartbeatAt === null ? -1 : (now - this.lastHeartbeatAt) / 1000);
  }
}
