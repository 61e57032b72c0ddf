import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Client, type Pool } from 'pg';
import { freshDatabase, HubProcess, waitFor, withDatabase } from '@ereceipt/testing';
import { groupAtTheEnd, producer } from '../support/kafka-tap';
import { verifyAudit } from '../support/audit';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';
import { lostAndDoubled, outageWires, produceWires, storedCount, streamRefs } from '../support/stream';

const N = outageWires(2000);
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 30) * 1000;

/**
 * Issue #16 item 2: PostgreSQL made unavailable to the hub in the middle of a stream, on this
 * suite's own database only (the cluster is shared and never stopped): new connections refused
 * (`ALTER DATABASE .. ALLOW_CONNECTIONS false`) and the hub's backends terminated, for 30 s.
 * The consumer retries without skipping, readiness reports the outage and recovers by itself, and
 * nothing is lost or doubled.
 */
describe('outage: PostgreSQL unavailable for 30 s mid-stream', () => {
  let db: { url: string; pool: Pool };
  let hub: HubProcess;
  let kafka: Producer;
  let admin: Client;
  let name: string;
  const prefix = `OP${randomUUID().slice(0, 6).toUpperCase()}`; // :20: holds 16 characters
  const refs = streamRefs(prefix, N);
  const groupId = `outage-postgres-${prefix.toLowerCase()}`;

  beforeAll(async () => {
    db = await freshDatabase('outagepg');
    name = new URL(db.url).pathname.slice(1);
    admin = new Client({ connectionString: withDatabase(db.url, 'postgres') });
    await admin.connect();
    kafka = await producer();
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('outage-postgres', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, INBOUND_BATCH_SIZE: '100' });
  });

  afterAll(async () => {
    await admin?.query(`alter database "${name}" allow_connections true`).catch(() => undefined);
    await hub?.stop();
    await kafka?.disconnect();
    await admin?.end();
    await db?.pool.end();
  });

  it(`${N} wires, the database away for ${OUTAGE_MS / 1000} s mid-stream: 0 lost, 0 doubled, readiness recovers by itself`, async () => {
    await hub.start();
    await produceWires(kafka, refs);
    await waitFor(async () => (await storedCount(db.pool, prefix)) >= N / 5, 'a fifth of the stream stored', 180_000, 20);
    const atStop = await storedCount(db.pool, prefix);
    await admin.query(`alter database "${name}" allow_connections false`);
    const stoppedAt = Date.now();
    const ready = new Set<number>();
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      // Backends that open before the refusal took effect are ended too, for the whole outage.
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
      ready.add((await hub.readiness()).status);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(hub.running).toBe(true);
    await admin.query(`alter database "${name}" allow_connections true`);
    const backAt = Date.now();
    await waitFor(async () => (await hub.readiness()).status === 200 && (await hub.consumerHealth()).status === 200, 'readiness and consumer health to recover', 120_000, 500);
    const recoveredMs = Date.now() - backAt;
    await waitFor(async () => (await storedCount(db.pool, prefix)) === N, `all ${N} stored`, 600_000, 500);
    const doneMs = Date.now() - backAt;
    await waitFor(async () => (await db.pool.query(`select 1 from outbox_event where status = 'PENDING' limit 1`)).rowCount === 0, 'an empty outbox', 120_000, 500);
    expect(await lostAndDoubled(db.pool, prefix, refs)).toEqual({ lost: 0, doubled: 0, events: N });
    expect(ready.has(503)).toBe(true);
    console.log(
      `outage-postgres: ${N} wires, database refused at ${atStop} stored for ${OUTAGE_MS / 1000} s; /health/ready ${[...ready].join('/')} during; ` +
        `ready again ${(recoveredMs / 1000).toFixed(1)} s after connections were allowed, all stored ${(doneMs / 1000).toFixed(1)} s after; lost 0, doubled 0`,
    );
  }, 900_000);

  it('the ledger balances, every audit chain recomputes, a replay changes nothing', () => {
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(0);
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(N);
  });
});
