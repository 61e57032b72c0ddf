import { register } from 'prom-client';
import { ConsumerHealth } from './consumer-health';
import { consumerHealthPolicy, judgeConsumer } from './consumer-health.rules';

const policy = consumerHealthPolicy(6_000, 30_000);

/** The tracker fed the way the kafkajs instrumentation events feed it, on a fake clock. */
describe('ConsumerHealth', () => {
  let now = 0;
  const tracker = () => new ConsumerHealth(() => now);
  const verdict = (t: ConsumerHealth) => judgeConsumer(t.snapshot('running', null), now, policy);
  const metric = async (name: string) => (await register.getSingleMetric(name)?.get())?.values[0]?.value;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('is joining until the first join gives it partitions, then consuming', async () => {
    const t = tracker();
    t.starting();
    now += 15_000; // dead members hold the join until their session expires
    expect(verdict(t)).toMatchObject({ ready: false, reason: 'CONSUMER.JOINING' });
    t.joined(6);
    expect(verdict(t)).toEqual({ ready: true, detail: 'consuming 6 partition(s)' });
    expect(await metric('ereceipt_consumer_assigned_partitions')).toBe(6);
  });

  it('counts one rebalance per lost assignment and clears it on the next join', async () => {
    const t = tracker();
    t.starting();
    t.joined(3);
    const before = (await metric('ereceipt_consumer_rebalances_total')) ?? 0;
    t.rebalancing();
    now += 1_000;
    t.rebalancing(); // a second batch noticing the same rebalance
    expect(await metric('ereceipt_consumer_rebalances_total')).toBe(before + 1);
    now += 36_000;
    expect(verdict(t)).toMatchObject({ ready: false, reason: 'CONSUMER.NO_ASSIGNMENT' });
    t.joined(3);
    expect(verdict(t).ready).toBe(true);
  });

  it('keeps the time without partitions across a join that assigns none', () => {
    const t = tracker();
    t.starting();
    t.joined(3);
    t.rebalancing();
    now += 20_000;
    t.joined(0);
    now += 17_000;
    expect(verdict(t)).toMatchObject({ ready: false, reason: 'CONSUMER.NO_ASSIGNMENT' });
  });

  it('stalls without fetches or heartbeats, and a heartbeat revives it', async () => {
    const t = tracker();
    t.starting();
    t.joined(3);
    t.fetched();
    now += 12_000;
    expect(verdict(t)).toMatchObject({ ready: false, reason: 'CONSUMER.STALLED' });
    t.heartbeat();
    expect(verdict(t).ready).toBe(true);
    t.exportAges(now + 2_000);
    expect(await metric('ereceipt_consumer_seconds_since_last_fetch')).toBe(14);
    expect(await metric('ereceipt_consumer_seconds_since_last_heartbeat')).toBe(2);
  });

  it('has nothing assigned while kafkajs restarts a crashed consumer', () => {
    const t = tracker();
    t.starting();
    t.joined(3);
    t.restarting();
    expect(t.snapshot('running', null)).toMatchObject({ assignedPartitions: 0, unassignedSince: now });
  });
});
