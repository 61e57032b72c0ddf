import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { verifyAudit } from '../support/audit';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

const N = 3000;

/**
 * Issue #14: the batched hot path killed mid-batch. The backlog is on the topic before the hub
 * starts, so every fetch is a large batch (INBOUND_BATCH_SIZE 1000 messages per transaction);
 * the hub is SIGKILLed as soon as the first batch has committed (the next one is in its
 * transaction then) and again half-way, restarted each time, and every message must still have
 * exactly one effect, with the audit, ledger and replay checks passing.
 */
describe('crash recovery with large batches: kill -9 in the middle of a batch transaction', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const refs = Array.from({ length: N }, (_, i) => `KB-${run}-${String(i).padStart(4, '0')}`);
  const groupId = `e2e-crash-batch-${run.toLowerCase()}`;

  beforeAll(async () => {
    db = await freshDatabase('crashbatch');
    tap = await new KafkaTap().start(['hub.remittances']);
    kafka = await producer();
    await groupAtTheEnd(groupId);
    for (let i = 0; i < N; i += 500) {
      await kafka.send({ topic: 'bank.remittance.mt103', messages: refs.slice(i, i + 500).map((ref, j) => ({ key: `seller-${(i + j) % 12}`, value: buildMt103({ ref }) })) });
    }
    hub = await HubProcess.create('crash-batch', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, INBOUND_BATCH_SIZE: '1000', OUTBOX_BATCH_SIZE: '200' });
  });

  afterAll(async () => {
    await hub?.stop();
    await tap?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
  });

  /** A hub backend holds a transaction that has written (an xid): a batch is half-way through. */
  const batchInFlight = async () => (await db.pool.query(`select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`)).rowCount! > 0;
  const stored = async () => (await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`KB-${run}-%`])).rows[0].n;

  it(`every one of ${N} messages has exactly one effect after two kill -9 in the middle of batches`, async () => {
    const t0 = Date.now();
    const phases: string[] = [];
    await hub.start();
    for (const threshold of [1, N / 2]) {
      await waitFor(async () => (await stored()) >= threshold && (await batchInFlight()), `${threshold} remittances stored and a batch in flight`, 180_000, 10);
      await hub.kill();
      phases.push(`killed with a batch in flight at ${await stored()} stored after ${Date.now() - t0} ms`);
      await hub.start();
    }
    await waitFor(async () => (await stored()) === N, `all ${N} remittances stored (${phases.join('; ')})`, 300_000, 250);

    const rows = await db.pool.query<{ message_ref: string; n: number }>(`select message_ref, count(*)::int as n from remittance where message_ref like $1 group by message_ref`, [`KB-${run}-%`]);
    expect(rows.rows).toHaveLength(N);
    expect(rows.rows.filter((r) => r.n !== 1)).toEqual([]);
    const outbox = await db.pool.query<{ n: number }>(`select count(*)::int as n from outbox_event where type = 'ereceipt.remittance.received.v1' and payload->>'messageRef' like $1`, [`KB-${run}-%`]);
    expect(outbox.rows[0].n).toBe(N);
    const decisions = await db.pool.query<{ n: number }>(`select count(*)::int as n from match_decision d join remittance r on r.id = d.remittance_id where r.message_ref like $1`, [`KB-${run}-%`]);
    expect(decisions.rows[0].n).toBe(N);

    const ownIds = new Set((await db.pool.query<{ id: string }>(`select id from remittance where message_ref like $1`, [`KB-${run}-%`])).rows.map((r) => r.id));
    const events = () => tap.on('hub.remittances').filter((m) => m.key !== null && ownIds.has(m.key) && m.headers.ce_type === 'ereceipt.remittance.received.v1');
    await waitFor(async () => new Set(events().map((e) => e.json<{ messageRef: string }>().messageRef)).size === N, `events for all ${N} messages`, 180_000, 250);
    const idsPerRef = new Map<string, Set<string>>();
    for (const e of events()) {
      const ref = e.json<{ messageRef: string }>().messageRef;
      idsPerRef.set(ref, (idsPerRef.get(ref) ?? new Set()).add(e.headers.ce_id));
    }
    expect([...idsPerRef.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    console.log(`crash-batch test: ${N} messages, 2 kills mid-batch, ${events().length - N} event re-publication(s) absorbed by ce_id; ${phases.join('; ')}`);

    await waitFor(async () => (await db.pool.query(`select 1 from outbox_event where status = 'PENDING' limit 1`)).rowCount === 0, 'an empty outbox');
    const archive = await db.pool.query<{ status: string; n: number }>(`select status, count(*)::int as n from inbound_message group by status`);
    expect(archive.rows.find((r) => r.status === 'RECEIVED')).toBeUndefined();
    // Each committed batch wrote its archive rows together: at least one batch held hundreds of messages.
    const biggest = await db.pool.query<{ n: number }>(`select max(n)::int as n from (select count(*) as n from inbound_message group by xmin::text::bigint) b`);
    expect(biggest.rows[0].n).toBeGreaterThanOrEqual(100);
  }, 900_000);

  it('a replay of every decision with the rules in force changes nothing; the ledger balances; every audit chain recomputes', () => {
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(N);
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(0);
  });
});
