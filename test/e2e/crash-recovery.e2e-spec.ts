import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

const N = 1000;

/**
 * Issue #2 §8, in the style of Kafka's transactions_test: seed N unique messages, SIGKILL the hub
 * twice while it works, restart it, then check that every message had exactly one effect.
 */
describe('crash recovery: the hub killed with SIGKILL mid-stream', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const refs = Array.from({ length: N }, (_, i) => `K9-${run}-${String(i).padStart(4, '0')}`);

  beforeAll(async () => {
    db = await freshDatabase('crash');
    tap = await new KafkaTap().start(['hub.remittances']);
    kafka = await producer();
    // Its own group, at the end of the inbound topics: the broker may hold other suites' backlog.
    const groupId = `e2e-crash-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('crash', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, OUTBOX_BATCH_SIZE: '50' });
    await hub.start();
  });

  afterAll(async () => {
    await hub?.stop();
    await tap?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
  });

  const stored = async () => (await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`K9-${run}-%`])).rows[0].n;

  it(`every one of ${N} messages has exactly one effect after two kill -9 and restarts`, async () => {
    // Produced in small batches over 12 keys (all partitions), so the hub is mid-stream when killed.
    const producing = (async () => {
      for (let i = 0; i < N; i += 50) {
        await kafka.send({ topic: 'bank.remittance.mt103', messages: refs.slice(i, i + 50).map((ref, j) => ({ key: `seller-${(i + j) % 12}`, value: buildMt103({ ref }) })) });
      }
    })();

    const t0 = Date.now();
    const phases: string[] = [];
    for (const threshold of [150, 550]) {
      await waitFor(async () => (await stored()) >= threshold, `${threshold} remittances stored`, 120_000, 20);
      await hub.kill();
      phases.push(`killed at ${await stored()} stored after ${Date.now() - t0} ms`);
      await hub.start();
      phases.push(`ready again after ${Date.now() - t0} ms`);
    }
    await producing;
    await waitFor(async () => (await stored()) === N, `all ${N} remittances stored (${phases.join('; ')})`, 180_000, 250);
    phases.push(`all stored after ${Date.now() - t0} ms`);

    // Exactly one stored remittance per message, none marked duplicate, one outbox event each.
    const rows = await db.pool.query<{ message_ref: string; n: number }>(`select message_ref, count(*)::int as n from remittance where message_ref like $1 group by message_ref`, [`K9-${run}-%`]);
    expect(rows.rows).toHaveLength(N);
    expect(rows.rows.filter((r) => r.n !== 1)).toEqual([]);
    const outbox = await db.pool.query<{ n: number }>(`select count(*)::int as n from outbox_event where type = 'ereceipt.remittance.received.v1' and payload->>'messageRef' like $1`, [`K9-${run}-%`]);
    expect(outbox.rows[0].n).toBe(N);

    // Downstream: every message's event arrives; a re-publication after a crash keeps its ce_id,
    // so a consumer deduplicating on ce_id sees each remittance exactly once.
    // Only events keyed by this suite's own remittances (parallel suites run hubs of their own).
    const ownIds = new Set((await db.pool.query<{ id: string }>(`select id from remittance where message_ref like $1`, [`K9-${run}-%`])).rows.map((r) => r.id));
    // remittance.received only: matching also publishes unmatched/suggested/associated for each wire.
    const events = () => tap.on('hub.remittances').filter((m) => m.key !== null && ownIds.has(m.key) && m.headers.ce_type === 'ereceipt.remittance.received.v1');
    await waitFor(async () => new Set(events().map((e) => e.json<{ messageRef: string }>().messageRef)).size === N, `events for all ${N} messages`, 120_000, 250);
    const idsPerRef = new Map<string, Set<string>>();
    for (const e of events()) {
      const ref = e.json<{ messageRef: string }>().messageRef;
      idsPerRef.set(ref, (idsPerRef.get(ref) ?? new Set()).add(e.headers.ce_id));
    }
    expect([...idsPerRef.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    const republished = events().length - N;
    console.log(`crash test: ${N} messages, 2 kills, ${republished} event re-publication(s) absorbed by ce_id; ${phases.join('; ')}`);

    // Nothing left behind: no pending outbox rows, every archived message accounted for.
    await waitFor(async () => (await db.pool.query(`select 1 from outbox_event where status = 'PENDING' limit 1`)).rowCount === 0, 'an empty outbox');
    const archive = await db.pool.query<{ status: string; n: number }>(`select status, count(*)::int as n from inbound_message group by status`);
    expect(archive.rows.find((r) => r.status === 'RECEIVED')).toBeUndefined();
  }, 600_000);

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    // At least our 1,000: the hub also stores what suites running beside it put on the same topics.
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(1000);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
