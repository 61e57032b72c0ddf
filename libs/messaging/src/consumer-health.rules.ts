/**
 * Is the inbound consumer really consuming? Decided from timestamps the kafkajs instrumentation
 * events leave behind (GROUP_JOIN, REBALANCING, FETCH, HEARTBEAT, CRASH), so that readiness no
 * longer says "ready" while the member sits in a rebalance that dead members hold up, or while it
 * has silently stopped fetching. Pure: no clock, no kafkajs.
 */
export type ConsumerPhase = 'idle' | 'running' | 'retrying' | 'stopped' | 'crashed';

export interface ConsumerSnapshot {
  phase: ConsumerPhase;
  /** When consumer.run() began (the first join request); null when the consumer never started. */
  startedAt: number | null;
  /** The last completed group join (GROUP_JOIN), null before the first one. */
  joinedAt: number | null;
  /** Partitions this member got in the last join (all topics together). */
  assignedPartitions: number;
  /** Since when the member has had no usable assignment (joining, rebalancing, or an empty one); null while it has one. */
  unassignedSince: number | null;
  lastFetchAt: number | null;
  lastHeartbeatAt: number | null;
  lastError: string | null;
}

export interface ConsumerHealthPolicy {
  /** How long a rebalance (no usable assignment) may last before readiness fails. */
  assignmentGraceMs: number;
  /** How long an assigned member may go without a completed fetch or heartbeat. */
  stallMs: number;
}

export type ConsumerHealthReason = 'CONSUMER.CRASHED' | 'CONSUMER.RETRYING' | 'CONSUMER.JOINING' | 'CONSUMER.NO_ASSIGNMENT' | 'CONSUMER.STALLED';

export type ConsumerVerdict = { ready: true; detail: string } | { ready: false; reason: ConsumerHealthReason; detail: string };

/**
 * The grace and stall limits follow the group's own timeouts: a dead member is noticed by the
 * broker after `sessionTimeoutMs`, a rebalance waits up to `rebalanceTimeoutMs` for live members,
 * so a rebalance with one dead member in it legitimately takes up to the sum of both.
 */
export function consumerHealthPolicy(sessionTimeoutMs: number, rebalanceTimeoutMs: number): ConsumerHealthPolicy {
  return { assignmentGraceMs: sessionTimeoutMs + rebalanceTimeoutMs, stallMs: sessionTimeoutMs + 5_000 };
}

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

export function judgeConsumer(s: ConsumerSnapshot, now: number, policy: ConsumerHealthPolicy): ConsumerVerdict {
  const error = s.lastError ? `: ${s.lastError}` : '';
  switch (s.phase) {
    case 'crashed':
      return { ready: false, reason: 'CONSUMER.CRASHED', detail: `crashed${error}` };
    case 'retrying':
      return { ready: false, reason: 'CONSUMER.RETRYING', detail: `retrying a failed batch${error}` };
    case 'idle':
      return { ready: true, detail: 'not consuming (role off or no topics)' };
    case 'stopped':
      return { ready: true, detail: 'stopped' };
    case 'running':
      break;
  }
  if (s.joinedAt === null) {
    // Start-up: not ready until the first assignment (as before, when start-up waited for the join).
    const since = s.startedAt ?? now;
    return { ready: false, reason: 'CONSUMER.JOINING', detail: `joining group, no partitions assigned yet (${secs(now - since)})` };
  }
  if (s.unassignedSince !== null) {
    const waited = now - s.unassignedSince;
    const what = s.assignedPartitions === 0 ? 'no partitions assigned' : 'rebalancing';
    if (waited > policy.assignmentGraceMs) {
      return { ready: false, reason: 'CONSUMER.NO_ASSIGNMENT', detail: `${what} for ${secs(waited)} (grace ${secs(policy.assignmentGraceMs)}); dead members may hold the group until their session expires` };
    }
    return { ready: true, detail: `${what} for ${secs(waited)}, within grace` };
  }
  const last = Math.max(s.lastFetchAt ?? 0, s.lastHeartbeatAt ?? 0, s.joinedAt);
  if (now - last > policy.stallMs) {
    return { ready: false, reason: 'CONSUMER.STALLED', detail: `no fetch or heartbeat for ${secs(now - last)} (limit ${secs(policy.stallMs)}) with ${s.assignedPartitions} partition(s) assigned` };
  }
  return { ready: true, detail: `consuming ${s.assignedPartitions} partition(s)` };
}

/**
 * The consumer is in its group, with or without partitions (readiness of a consumer-only replica):
 * everything but still joining and crashed; stalled or retrying members are in the group, their
 * trouble is /health/consumers'.
 */
export function joinedGroup(verdict: ConsumerVerdict): boolean {
  return verdict.ready || (verdict.reason !== 'CONSUMER.JOINING' && verdict.reason !== 'CONSUMER.CRASHED');
}
