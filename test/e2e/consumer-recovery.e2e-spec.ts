import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { inboundTopics } from '@ereceipt/contracts';
import { groupAtTheEnd, kafka as kafkaClient, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

const SESSION_MS = 15_000; // wide enough that the new hub is up well before the dead members expire
const REBALANCE_MS = Math.max(SESSION_MS, 30_000); // as groupTimeouts() derives it


async function groupState(groupId: string): Promise<{ state: string; members: number }> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    const g = (await admin.describeGroups([groupId])).groups[0];
    return { state: g.state, members: g.members.length };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every member of a consumer group dies by SIGKILL (no LeaveGroup is sent), then a new hub starts.
 * Its join cannot complete before the broker drops the dead members (their session timeout), so it
 * must say "not ready" meanwhile, with the reason, and then consume everything produced while no
 * member was alive. Timings are printed, not asserted; the budget is generous.
 */
describe('consumer recovery: a new hub after every group member was killed with SIGKILL', () => {
  let db: { url: string; pool: Pool };
  let kafka: Producer;
  const hubs: HubProcess[] = [];
  const run = randomUUID().slice(0, 8).toUpperCase();
  const groupId = `e2e-consumer-recovery-${run}`;

  beforeAll(async () => {
    db = await freshDatabase('consumer_recovery');
    kafka = await producer();
    await groupAtTheEnd(groupId);
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await kafka?.disconnect();
    await db?.pool.end();
  });

  const hub = async (name: string) => {
    const h = await HubProcess.create(name, { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: String(SESSION_MS), HUB_ROLES: 'http,consumers' });
    hubs.push(h);
    return h;
  };
  // :20: allows 16 characters: C + run (8) + batch letter + 3 digits.
  const refs = (batch: string, n: number) => Array.from({ length: n }, (_, i) => `C${run}${batch}${String(i).padStart(3, '0')}`);
  const send = async (batch: string[]) =>
    kafka.send({ topic: inboundTopics.bankMt103, messages: batch.map((ref, i) => ({ key: `seller-${i % 12}`, value: buildMt103({ ref }) })) });
  const stored = async (batch: string) => (await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`C${run}${batch}%`])).rows[0].n;

  it('the new hub reports not ready (no assignment) until the dead members expire, then consumes everything', async () => {
    const [a, b] = [await hub('recovery-a'), await hub('recovery-b')];
    await Promise.all([a.start(), b.start()]);
    await waitFor(async () => {
      const g = await groupState(groupId);
      return g.state === 'Stable' && g.members === 2;
    }, 'a stable group of two hubs');
    const before = refs('A', 60);
    await send(before);
    await waitFor(async () => (await stored('A')) === before.length, 'the first batch consumed by the two hubs', 60_000, 250);

    await a.kill();
    await b.kill();
    const t0 = Date.now();
    const during = refs('B', 300);
    await send(during); // produced while no member of the group is alive

    const c = await hub('recovery-c');
    await c.startLive();
    const liveAt = Date.now() - t0;
    // The dead members still hold the group until their session expires: the join cannot complete.
    // Consumer health says so; readiness of this http replica does not (issue #22: readiness by role).
    const first = await c.consumerHealth();
    expect((await c.readiness()).status).toBe(200);
    expect(first.status).toBe(503);
    expect(first.body.checks.consumer).toMatchObject({ ok: false, reason: expect.stringMatching(/^CONSUMER\.(JOINING|NO_ASSIGNMENT)$/) });
    const reasons = new Set<string>();
    await waitFor(
      async () => {
        const r = await c.consumerHealth();
        if (r.body.checks.consumer.reason) reasons.add(r.body.checks.consumer.reason);
        return r.status === 200;
      },
      'the new hub to be consuming',
      SESSION_MS + REBALANCE_MS + 60_000,
      250,
    );
    const readyAt = Date.now() - t0;
    await waitFor(async () => (await stored('B')) === during.length, `all ${during.length} messages produced while the group was dead`, SESSION_MS + REBALANCE_MS + 90_000, 250);
    const consumedAt = Date.now() - t0;

    // Exactly one remittance per message, whatever the two dead hubs had half done.
    const dupes = await db.pool.query(`select message_ref from remittance where message_ref like $1 group by message_ref having count(*) > 1`, [`C${run}%`]);
    expect(dupes.rows).toEqual([]);
    expect(await groupState(groupId)).toEqual({ state: 'Stable', members: 1 });

    const metrics = await (await fetch(`${c.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^ereceipt_consumer_ready 1$/m);
    expect(Number(/^ereceipt_consumer_assigned_partitions (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/^ereceipt_consumer_group_joins_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^ereceipt_consumer_seconds_since_last_fetch \d/m);

    console.log(
      `consumer recovery (session ${SESSION_MS} ms, rebalance ${REBALANCE_MS} ms): after SIGKILL of both members the new hub answered at ${liveAt} ms, ` +
        `was ready at ${readyAt} ms (not-ready reasons seen: ${[...reasons].join(', ')}), consumed all ${during.length} at ${consumedAt} ms`,
    );
  }, 300_000);

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(db.url)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
