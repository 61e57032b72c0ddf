import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freePort, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { type PrivateBroker, privateBroker } from '@tools/services';

/**
 * Issue #22 item 4, readiness by role, on a broker of this suite's own (the shared one is never
 * stopped): while the broker is down, an `http` replica stays ready (the API, console and buyers'
 * pages keep their load balancer), `/health/consumers` says what is wrong, and a consumer-only
 * replica is ready once it has joined its group (with no partition too: consumer-health.rules.spec). When the broker returns,
 * consumer health recovers by itself and what was produced meanwhile is consumed.
 */
describe('readiness by role: an http replica stays ready while its consumer cannot reach Kafka', () => {
  let broker: PrivateBroker;
  let dir: string;
  let db: { url: string; pool: Pool };
  const hubs: HubProcess[] = [];
  const run = randomUUID().slice(0, 8).toUpperCase();
  const groupId = `e2e-readiness-${run.toLowerCase()}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ereceipt-private-broker-'));
    broker = privateBroker({ port: await freePort(), controllerPort: await freePort(), dir });
    await broker.start();
    db = await freshDatabase('readiness');
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await broker?.stop();
    await db?.pool.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const hub = async (name: string, roles: string, env: Record<string, string> = {}) => {
    const h = await HubProcess.create(name, { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers, KAFKA_GROUP_ID: groupId, HUB_ROLES: roles, ...env });
    hubs.push(h);
    return h;
  };
  const send = async (refs: string[]) => {
    const producer = new Kafka({ clientId: 'e2e-readiness', brokers: [broker.brokers], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'bank.remittance.mt103', messages: refs.map((ref) => ({ key: ref, value: buildMt103({ ref }) })) });
    await producer.disconnect();
  };
  const stored = async (prefix: string) => (await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`${prefix}-${run}-%`])).rows[0].n;

  it('web ready, consumers 503 during the outage; a consumer-only replica is ready once joined; all recovers', async () => {
    const web = await hub('readiness-web', 'http,consumers,relay,schedulers');
    await web.start();
    // A consumer-only replica (a feed of its own, its own group) is ready once it has joined.
    const worker = await hub('readiness-worker', 'consumers', { KAFKA_GROUP_ID: `${groupId}-fx`, KAFKA_CONSUME_TOPICS: 'bank.fx-rates' });
    await worker.startLive();
    await waitFor(async () => (await worker.readiness()).status === 200, 'the consumer-only replica to have joined its group', 90_000, 250);
    const workerReady = await worker.readiness();
    expect(workerReady.body).toMatchObject({ status: 'ok', roles: ['consumers'], checks: { postgres: { ok: true }, consumerGroup: { ok: true } } });
    expect(await (await fetch(`${worker.baseUrl}/api/v1/remittances`)).json()).toMatchObject({ code: 'HUB.HTTP_ROLE_OFF' });
    expect((await web.readiness()).body).toMatchObject({ status: 'ok', checks: { postgres: { ok: true } } });
    expect((await web.readiness()).body.checks.consumerGroup).toBeUndefined();

    const before = Array.from({ length: 20 }, (_, i) => `RD-${run}-A${i}`);
    await send(before);
    await waitFor(async () => (await stored('RD')) === before.length, 'the messages sent before the outage', 60_000, 250);

    await broker.stop();
    const stoppedAt = Date.now();
    const readyStatuses = new Set<number>();
    let consumers = await web.consumerHealth();
    await waitFor(
      async () => {
        readyStatuses.add((await web.readiness()).status);
        consumers = await web.consumerHealth();
        return consumers.status === 503;
      },
      '/health/consumers to report the outage',
      60_000,
      500,
    );
    expect(consumers.body.checks.kafka).toMatchObject({ ok: false });
    // The outage lasts a while: the web replica stays ready the whole time, and its API answers.
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      readyStatuses.add((await web.readiness()).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect([...readyStatuses]).toEqual([200]);
    expect((await fetch(`${web.baseUrl}/console/login`)).status).toBe(200);
    const outageMs = Date.now() - stoppedAt;

    await broker.start();
    const backAt = Date.now();
    await waitFor(async () => (await web.consumerHealth()).status === 200, 'consumer health to recover by itself', 120_000, 500);
    const recoveredMs = Date.now() - backAt;
    const after = Array.from({ length: 20 }, (_, i) => `RD-${run}-B${i}`);
    await send(after);
    await waitFor(async () => (await stored('RD')) === before.length + after.length, 'the messages sent after the outage', 120_000, 250);
    expect((await web.readiness()).status).toBe(200);
    console.log(`readiness test: broker down ${Math.round(outageMs / 1000)} s, /health/ready 200 throughout on the http replica, /health/consumers 503 then 200 ${Math.round(recoveredMs / 1000)} s after the broker returned`);
  }, 600_000);
});
