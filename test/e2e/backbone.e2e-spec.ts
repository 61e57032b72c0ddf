import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, kafka as kafkaClient, KafkaTap, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

/** Issue #2 §8: an MT103 on bank.remittance.mt103 becomes a stored remittance and a CloudEvent. */
describe('backbone: MT103 -> remittance -> remittance.received (real Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  // Its own group, at the end of the inbound topics: the broker may hold other suites' backlog.
  const groupId = `e2e-backbone-${run.toLowerCase()}`;

  beforeAll(async () => {
    db = await freshDatabase('backbone');
    tap = await new KafkaTap().start(['hub.remittances', 'bank.remittance.mt103.dlq']);
    kafka = await producer();
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('backbone', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId });
    await hub.start();
  }, 180_000);

  afterAll(async () => {
    await hub?.stop(); // no-op when the SIGTERM test already stopped it
    await tap?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
  });

  // Other hubs (parallel suites) may publish events for the same messages into their own databases;
  // this suite counts only events keyed by a remittance id of its own database.
  const received = async (ref: string) => {
    const { rows } = await db.pool.query<{ id: string }>('select id from remittance where message_ref = $1', [ref]);
    const ids = new Set(rows.map((r) => r.id));
    return tap.on('hub.remittances').filter((m) => m.key !== null && ids.has(m.key) && m.headers.ce_type === 'ereceipt.remittance.received.v1');
  };

  it('stores the remittance and publishes a binary-mode CloudEvent keyed by the remittance id', async () => {
    const ref = `BB1-${run}`;
    const uetr = randomUUID();
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: 'seller-1', value: buildMt103({ ref, uetr, amount: '9985,00', instructed: '10000,00', charges: ['15,00'] }) }] });

    const [event] = await waitFor(async () => {
      const events = await received(ref);
      return events.length > 0 && events;
    }, `remittance.received for ${ref}`);
    const { rows } = await db.pool.query('select id, amount, currency, value_date::text, uetr, status, raw from remittance where message_ref = $1', [ref]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: '9985.00', currency: 'USD', value_date: '2026-11-20', uetr, status: 'PENDING_ASSOCIATION' });
    expect(rows[0].raw).toContain(`:20:${ref}`);

    expect(event.key).toBe(rows[0].id);
    expect(event.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'ereceipt.remittance.received.v1',
      ce_source: '/ereceipt-hub',
      ce_subject: rows[0].id,
      'content-type': 'application/json',
    });
    expect(event.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(event.headers.ce_time).toISOString()).toBe(event.headers.ce_time);
    const data = event.json<Record<string, unknown>>();
    expect(data).toMatchObject({ id: rows[0].id, messageRef: ref, uetr, amount: '9985.00', currency: 'USD', instructedAmount: { currency: 'USD', amount: '10000.00' }, chargeBearer: 'SHA', chargesDeducted: [{ currency: 'USD', amount: '15.00' }] });
    expect(data.provenance).toMatchObject({ channel: 'kafka', topic: 'bank.remittance.mt103', index: 0 });
  });

  it('the same message twice gives one row and one event', async () => {
    const ref = `BB2-${run}`;
    const value = buildMt103({ ref });
    const sentinel = `BB2S-${run}`;
    // Same key, so the same partition: the sentinel's event comes after any the duplicate could cause.
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: 'seller-2', value }, { key: 'seller-2', value }, { key: 'seller-2', value: buildMt103({ ref: sentinel }) }] });
    await waitFor(async () => (await received(sentinel)).length > 0, `remittance.received for ${sentinel}`);

    expect(await received(ref)).toHaveLength(1);
    const { rows } = await db.pool.query('select count(*)::int as n from remittance where message_ref = $1', [ref]);
    expect(rows[0].n).toBe(1);
    const archive = await db.pool.query(`select status from inbound_message where value = $1 order by id`, [Buffer.from(value)]);
    expect(archive.rows.map((r: { status: string }) => r.status)).toEqual(['PROCESSED', 'DUPLICATE']);
  });

  it('a poison message goes to the DLQ with its headers, and the next good message still goes through', async () => {
    const poison = `{1:F01CHASUS33AXXX0000000000}{2:I103BKCHCNBJX400N}{4:\r\n:20:POISON-${run}\r\n:32A:2611XXUSD1,00\r\n-}`;
    const good = `BB3-${run}`;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: 'seller-3', value: poison }, { key: 'seller-3', value: buildMt103({ ref: good }) }] });

    await waitFor(async () => (await received(good)).length > 0, `remittance.received for ${good}`);
    const dlq = await waitFor(async () => tap.on('bank.remittance.mt103.dlq').find((m) => m.value.toString() === poison), 'the poison message on the DLQ');
    expect(dlq.key).toBe('seller-3');
    expect(dlq.headers['original-topic']).toBe('bank.remittance.mt103');
    expect(dlq.headers['original-partition']).toMatch(/^\d+$/);
    expect(dlq.headers['original-offset']).toMatch(/^\d+$/);
    expect(dlq.headers['error-code']).toMatch(/^MT/);
    expect(dlq.headers['error-message']).toMatch(/:32A:/);

    const archived = await db.pool.query(`select status, error_code from inbound_message where topic = 'bank.remittance.mt103' and "offset" = $1 and partition = $2`, [dlq.headers['original-offset'], Number(dlq.headers['original-partition'])]);
    expect(archived.rows).toEqual([{ status: 'DEAD_LETTERED', error_code: dlq.headers['error-code'] }]);
  });
  it('exposes Prometheus metrics for the consumer and the outbox', async () => {
    const text = await (await fetch(`${hub.baseUrl}/metrics`)).text();
    const value = (name: string) => Number(/\s([\d.e+]+)$/.exec(text.split('\n').find((l) => l.startsWith(name)) ?? '')?.[1] ?? NaN);
    expect(value('ereceipt_messages_consumed_total{topic="bank.remittance.mt103"}')).toBeGreaterThanOrEqual(6);
    expect(value('ereceipt_messages_deduplicated_total{topic="bank.remittance.mt103"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^ereceipt_messages_dead_lettered_total\{topic="bank.remittance.mt103",code="MT/m);
    expect(text).toMatch(/^ereceipt_outbox_backlog \d+/m);
    expect(text).toMatch(/^ereceipt_consumer_lag\{topic="bank.remittance.mt103",partition="\d+"\} \d+/m);
    expect(value('ereceipt_consumer_up')).toBe(1);
  });

  it('shuts down gracefully on SIGTERM: exit code 0, the consumer has left its group', async () => {
    expect(await hub.stop()).toBe(0);
    const admin = kafkaClient().admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0].members).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(db.url)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
