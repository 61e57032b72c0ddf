import { consumerHealthPolicy, joinedGroup, judgeConsumer, type ConsumerSnapshot } from './consumer-health.rules';

const policy = consumerHealthPolicy(6_000, 30_000); // grace 36 s, stall 11 s
const T = 1_000_000;

const running = (over: Partial<ConsumerSnapshot> = {}): ConsumerSnapshot => ({
  phase: 'running',
  startedAt: T - 60_000,
  joinedAt: T - 50_000,
  assignedPartitions: 3,
  unassignedSince: null,
  lastFetchAt: T - 1_000,
  lastHeartbeatAt: T - 2_000,
  lastError: null,
  ...over,
});

describe('judgeConsumer', () => {
  it('is ready while assigned and fetching or heartbeating', () => {
    expect(judgeConsumer(running(), T, policy)).toEqual({ ready: true, detail: 'consuming 3 partition(s)' });
    // A long batch fetches nothing, but heartbeats between chunks keep it alive.
    expect(judgeConsumer(running({ lastFetchAt: T - 40_000, lastHeartbeatAt: T - 1_000 }), T, policy).ready).toBe(true);
  });

  it('is not ready before the first join completes, whatever the time', () => {
    const v = judgeConsumer(running({ joinedAt: null, assignedPartitions: 0, unassignedSince: T - 1_000, startedAt: T - 1_000, lastFetchAt: null, lastHeartbeatAt: null }), T, policy);
    expect(v).toMatchObject({ ready: false, reason: 'CONSUMER.JOINING' });
    expect(v.detail).toContain('no partitions assigned yet (1 s)');
  });

  it('tolerates a rebalance within the grace period, then says why it is not ready', () => {
    expect(judgeConsumer(running({ unassignedSince: T - 36_000 }), T, policy)).toEqual({ ready: true, detail: 'rebalancing for 36 s, within grace' });
    const late = judgeConsumer(running({ unassignedSince: T - 36_001 }), T, policy);
    expect(late).toMatchObject({ ready: false, reason: 'CONSUMER.NO_ASSIGNMENT' });
    expect(late.detail).toContain('rebalancing for 36 s (grace 36 s)');
  });

  it('is not ready once joined with an empty assignment for longer than the grace period', () => {
    const v = judgeConsumer(running({ assignedPartitions: 0, unassignedSince: T - 40_000, lastFetchAt: T, lastHeartbeatAt: T }), T, policy);
    expect(v).toMatchObject({ ready: false, reason: 'CONSUMER.NO_ASSIGNMENT' });
    expect(v.detail).toContain('no partitions assigned for 40 s');
  });

  it('is not ready when an assigned member has neither fetched nor heartbeated for too long', () => {
    expect(judgeConsumer(running({ lastFetchAt: T - 11_000, lastHeartbeatAt: T - 11_000 }), T, policy).ready).toBe(true);
    const v = judgeConsumer(running({ lastFetchAt: T - 11_001, lastHeartbeatAt: null }), T, policy);
    expect(v).toMatchObject({ ready: false, reason: 'CONSUMER.STALLED' });
    expect(v.detail).toBe('no fetch or heartbeat for 11 s (limit 11 s) with 3 partition(s) assigned');
  });

  it('counts a fresh join as activity (no fetch yet right after a rebalance)', () => {
    expect(judgeConsumer(running({ joinedAt: T - 1_000, lastFetchAt: T - 60_000, lastHeartbeatAt: null }), T, policy).ready).toBe(true);
  });

  it('reports crashes and transient retries first, with the last error', () => {
    expect(judgeConsumer(running({ phase: 'crashed', lastError: 'boom' }), T, policy)).toEqual({ ready: false, reason: 'CONSUMER.CRASHED', detail: 'crashed: boom' });
    expect(judgeConsumer(running({ phase: 'retrying', lastError: 'db down' }), T, policy)).toMatchObject({ ready: false, reason: 'CONSUMER.RETRYING' });
  });

  it('does not judge a consumer that is not meant to consume', () => {
    expect(judgeConsumer(running({ phase: 'idle', joinedAt: null, startedAt: null }), T, policy).ready).toBe(true);
    expect(judgeConsumer(running({ phase: 'stopped' }), T, policy).ready).toBe(true);
  });

  it('derives its limits from the group timeouts', () => {
    expect(consumerHealthPolicy(30_000, 30_000)).toEqual({ assignmentGraceMs: 60_000, stallMs: 35_000 });
  });
});

describe('joinedGroup (readiness of a consumer-only replica)', () => {
  it('is in its group with or without partitions, stalled or retrying; not while joining or crashed', () => {
    expect(joinedGroup({ ready: true, detail: '' })).toBe(true);
    for (const reason of ['CONSUMER.NO_ASSIGNMENT', 'CONSUMER.STALLED', 'CONSUMER.RETRYING'] as const) expect(joinedGroup({ ready: false, reason, detail: '' })).toBe(true);
    for (const reason of ['CONSUMER.JOINING', 'CONSUMER.CRASHED'] as const) expect(joinedGroup({ ready: false, reason, detail: '' })).toBe(false);
  });
});
