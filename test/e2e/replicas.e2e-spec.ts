import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, producer } from '../support/kafka-tap';
import { verifyAudit } from '../support/audit';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';
import { lostAndDoubled, outageWires, produceWires, storedCount, streamRefs } from '../support/stream';

const N = outageWires(3000);

/**
 * Issue #16 item 2: three hub processes in one consumer group share a stream; one is killed with
 * -9 and another stopped with SIGTERM while it flows. Nothing is lost or doubled, and at every
 * sample at most one process leads the outbox relay (a PostgreSQL advisory lock).
 */
describe('three replicas in one group: one kill -9, one graceful stop, mid-stream', () => {
  let db: { url: string; pool: Pool };
  let kafka: Producer;
  const hubs: HubProcess[] = [];
  const prefix = `RP${randomUUID().slice(0, 6).toUpperCase()}`; // :20: holds 16 characters
  const refs = streamRefs(prefix, N);
  const groupId = `replicas-${prefix.toLowerCase()}`;

  beforeAll(async () => {
    db = await freshDatabase('replicas');
    kafka = await producer();
    await groupAtTheEnd(groupId);
    for (const name of ['a', 'b', 'c']) hubs.push(await HubProcess.create(`replica-${name}`, { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, INBOUND_BATCH_SIZE: '100' }));
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await kafka?.disconnect();
    await db?.pool.end();
  });

  /** Sessions holding the outbox relay's leader lock now. */
  const relayLeaders = async () =>
    (await db.pool.query<{ n: number }>(
      `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and a.application_name = 'ereceipt-outbox-relay' and a.datname = current_database()`,
    )).rows[0].n;

  it(`${N} wires over three replicas, one killed and one stopped mid-stream: 0 lost, 0 doubled, one relay leader at a time`, async () => {
    await Promise.all(hubs.map((h) => h.start()));
    const leaders: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        leaders.push(await relayLeaders());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await produceWires(kafka, refs);
    await waitFor(async () => (await storedCount(db.pool, prefix)) >= N / 4, 'a quarter of the stream stored', 180_000, 20);
    const atKill = await storedCount(db.pool, prefix);
    await hubs[0].kill();
    await waitFor(async () => (await storedCount(db.pool, prefix)) >= N / 2, 'half of the stream stored', 300_000, 20);
    const atStop = await storedCount(db.pool, prefix);
    expect(await hubs[1].stop()).toBe(0);
    await waitFor(async () => (await storedCount(db.pool, prefix)) === N, `all ${N} stored by the last replica`, 600_000, 500);
    await waitFor(async () => (await db.pool.query(`select 1 from outbox_event where status = 'PENDING' limit 1`)).rowCount === 0, 'an empty outbox', 120_000, 500);
    sampling = false;
    await sampler;
    expect(await lostAndDoubled(db.pool, prefix, refs)).toEqual({ lost: 0, doubled: 0, events: N });
    expect(Math.max(...leaders)).toBe(1);
    console.log(`replicas: ${N} wires, kill -9 at ${atKill} stored, SIGTERM at ${atStop}; ${leaders.length} samples of the relay lock, at most ${Math.max(...leaders)} leader; lost 0, doubled 0`);
  }, 900_000);

  it('the ledger balances, every audit chain recomputes, a replay changes nothing', () => {
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(0);
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(N);
  });
});
