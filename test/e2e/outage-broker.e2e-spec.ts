import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { freePort, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { verifyLedger } from '../support/ledger';
import { type PrivateBroker, privateBroker } from '@tools/services';
import { verifyReplay } from '../support/replay';
import { lostAndDoubled, outageWires, produceWires, storedCount, streamRefs } from '../support/stream';


const N = outageWires(2000);
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 30) * 1000;

/**
 * Issue #16 item 2: the Kafka broker stopped for 30 s in the middle of a stream, then started again,
 * on a broker of this suite's own (the shared one is never stopped). Nothing lost, nothing doubled;
 * readiness of the http replica stays 200, /health/consumers reports the outage and recovers by itself.
 */
describe('outage: the Kafka broker stopped for 30 s mid-stream', () => {
  let broker: PrivateBroker;
  let dir: string;
  let db: { url: string; pool: Pool };
  let hub: HubProcess;
  let producer: Producer;
  const prefix = `OB${randomUUID().slice(0, 6).toUpperCase()}`; // :20: holds 16 characters
  const refs = streamRefs(prefix, N);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ereceipt-outage-broker-'));
    broker = privateBroker({ port: await freePort(), controllerPort: await freePort(), dir });
    await broker.start();
    db = await freshDatabase('outagebroker');
    hub = await HubProcess.create('outage-broker', { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers, KAFKA_GROUP_ID: `outage-broker-${prefix}`, INBOUND_BATCH_SIZE: '100' });
    producer = new Kafka({ clientId: 'e2e-outage-broker', brokers: [broker.brokers], logLevel: logLevel.NOTHING }).producer();
  });

  afterAll(async () => {
    await hub?.stop();
    await producer?.disconnect().catch(() => undefined);
    await broker?.stop();
    await db?.pool.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`${N} wires, the broker away for ${OUTAGE_MS / 1000} s mid-stream: 0 lost, 0 doubled, consumer health recovers by itself`, async () => {
    await hub.start(); // creates the topics on the private broker
    await producer.connect();
    await produceWires(producer, refs);
    await producer.disconnect();
    await waitFor(async () => (await storedCount(db.pool, prefix)) >= N / 5, 'a fifth of the stream stored', 180_000, 20);
    const atStop = await storedCount(db.pool, prefix);
    await broker.stop();
    const stoppedAt = Date.now();
    const ready = new Set<number>();
    const consumerReasons = new Set<string>();
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      ready.add((await hub.readiness()).status);
      const c = await hub.consumerHealth();
      if (c.status !== 200) consumerReasons.add(c.body.checks.consumer?.reason ?? (c.body.checks.kafka?.ok === false ? 'KAFKA.UNREACHABLE' : 'other'));
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(hub.running).toBe(true);
    await broker.start();
    const backAt = Date.now();
    await waitFor(async () => (await hub.consumerHealth()).status === 200, 'consumer health to recover', 120_000, 500);
    const recoveredMs = Date.now() - backAt;
    await waitFor(async () => (await storedCount(db.pool, prefix)) === N, `all ${N} stored`, 600_000, 500);
    const doneMs = Date.now() - backAt;
    await waitFor(async () => (await db.pool.query(`select 1 from outbox_event where status = 'PENDING' limit 1`)).rowCount === 0, 'an empty outbox', 120_000, 500);
    const result = await lostAndDoubled(db.pool, prefix, refs);
    expect(result).toEqual({ lost: 0, doubled: 0, events: N });
    expect([...ready]).toEqual([200]);
    expect(consumerReasons.size).toBeGreaterThan(0);
    console.log(
      `outage-broker: ${N} wires, broker stopped at ${atStop} stored for ${OUTAGE_MS / 1000} s; /health/ready 200 throughout; /health/consumers ${[...consumerReasons].join(', ')}; ` +
        `consumer health back ${(recoveredMs / 1000).toFixed(1)} s after the broker answered, all stored ${(doneMs / 1000).toFixed(1)} s after; lost 0, doubled 0`,
    );
  }, 900_000);

  it('the ledger balances, every audit chain recomputes, a replay changes nothing', () => {
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(0);
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(N);
  });
});
