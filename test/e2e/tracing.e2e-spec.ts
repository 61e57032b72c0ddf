import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, OtlpReceiver, type ReceivedSpan, REPO_ROOT, waitFor } from '@ereceipt/testing';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';

/**
 * Issue 17 §3 end to end: the built hub with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP
 * receiver in this process. One MT103 goes through Kafka, with a W3C `traceparent` as a traced bank
 * gateway would send it, to a seeded order; the consume, the database transaction (and its
 * statements), the matching decision and the relay's publish of each event must form ONE trace, the
 * bank's, shaped as docs/architecture.md "Tracing" says; the events carry that trace downstream.
 */
describe('tracing: one MT103 is one trace from the Kafka record to the events it caused (real hub, Kafka, PostgreSQL, OTLP)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const receiver = new OtlpReceiver();
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `TRACEWELL ${run.replace(/[0-9]/g, 'X')} TRADING LLC`;
  const logFile = join(REPO_ROOT, 'artifacts', 'logs', `tracing-${run}.log`);
  const yymmdd = new Date().toISOString().slice(2, 10).replace(/-/g, '');
  let sellerId = '';
  let sellerToken = '';
  const call = apiClient(() => hub.baseUrl, () => sellerToken);
  const spansOf = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
  const one = (spans: ReceivedSpan[], what: (s: ReceivedSpan) => boolean, label: string): ReceivedSpan => {
    const found = spans.filter(what);
    if (found.length !== 1) throw new Error(`expected one ${label}, found ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
    return found[0];
  };

  beforeAll(async () => {
    await receiver.start();
    db = await freshDatabase(`tracing_${run.toLowerCase()}`);
    tap = await new KafkaTap().start(['hub.remittances', 'hub.orders']);
    kafka = await producer();
    const groupId = `e2e-tracing-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create(
      'tracing',
      // Spans leave every 200 ms instead of 5 s; info logs so that request lines are written.
      { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_SERVICE_NAME: 'ereceipt-hub-e2e', LOG_LEVEL: 'info' },
      { logFile },
    );
    await hub.start();
    const admin = createToken(db.url, 'admin');
    const applied = await call('POST', '/sellers/applications', { legalName: 'TRACEWELL EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@tracewell.example' }, admin);
    sellerId = applied.body.sellerId as string;
    await call('POST', `/sellers/${sellerId}/approve`, undefined, admin);
    sellerToken = createToken(db.url, 'seller', sellerId);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    // What the hub exported, for a look when a check fails.
    writeFileSync(join(REPO_ROOT, 'artifacts', `tracing-spans-${run}.json`), JSON.stringify(receiver.spans, null, 1));
    await tap?.stop();
    await kafka?.disconnect();
    await receiver.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('consume -> transaction -> matching decision -> publish: one trace (the bank\'s), with the shape of docs/architecture.md "Tracing"', async () => {
    const va = ((await call('GET', `/sellers/${sellerId}`)).body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    const drafted = await call('POST', '/orders', {
      buyer: { name: buyer, email: 'ap@tracewell.example', country: 'US' },
      currency: 'USD',
      lines: [{ name: 'Lamp', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: '4321.09' }],
      milestones: [{ kind: 'DEPOSIT', amount: '4321.09', dueDate: '2027-01-01', preShipment: true }],
      incoterm: 'FOB',
      expectedShipDate: '2027-01-20',
      exportMethod: 'SELF_EXPORT',
    });
    expect(drafted.status).toBe(201);
    const orderNo = drafted.body.orderNo as string;
    expect((await call('POST', `/orders/${orderNo}/submit`)).status).toBe(200);

    // The bank gateway's own trace: the hub must continue it, not start another.
    const bankTrace = randomBytes(16).toString('hex');
    const bankSpan = randomBytes(8).toString('hex');
    const ref = `TRC-${run}`;
    await kafka.send({
      topic: 'bank.remittance.mt103',
      messages: [{ key: run, headers: { traceparent: `00-${bankTrace}-${bankSpan}-01` }, value: buildMt103({ ref, valueDate: yymmdd, amount: '4321,09', payerName: buyer, beneficiaryAccount: va, remittanceInfo: ['PAYMENT FOR ORDER', orderNo] }) }],
    });
    const remittance = await waitFor(async () => (await db.pool.query<{ id: string; status: string }>(`select id, status from remittance where message_ref = $1 and status = 'ASSOCIATED'`, [ref])).rows[0], 'the wire to be associated', 90_000);
    const events = await waitFor(async () => {
      const found = tap.on('hub.remittances').filter((m) => m.key === remittance.id);
      return found.length >= 2 && found;
    }, 'received + associated on hub.remittances', 60_000);
    expect(events.map((e) => e.headers.ce_type)).toEqual(['ereceipt.remittance.received.v1', 'ereceipt.remittance.associated.v1']);

    // Every span the hub made for this wire, once the exporter has sent them.
    const trace = await waitFor(async () => {
      const spans = spansOf(bankTrace);
      return spans.filter((s) => s.name === 'send hub.remittances').length >= 2 && spans.some((s) => s.name === 'send hub.orders') && spans;
    }, 'the publish spans of the trace', 30_000);
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(['ereceipt-hub-e2e']));

    // Consume: the record's span is the child of the bank's span.
    // A chunk attempt that failed under load (a rebalance) and was retried leaves error spans of its own: the one that committed.
    const consume = one(trace, (s) => s.name === 'process bank.remittance.mt103' && s.attributes['ereceipt.inbound.outcome'] === 'processed', 'record span');
    expect(consume).toMatchObject({ parentSpanId: bankSpan, kind: 5 /* CONSUMER */, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'bank.remittance.mt103', 'ereceipt.inbound.outcome': 'processed' } });
    // The database transaction: the child of the record span when the record came first in its chunk
    // (alone, as on a quiet broker), else linked both ways with it (other suites' wires share the topic);
    // its statements are its children.
    const txName = 'inbound transaction bank.remittance.mt103';
    const tx = trace.find((s) => s.name === txName) ?? (await waitFor(async () => receiver.spans.find((s) => s.name === txName && s.links.some((l) => l.spanId === consume.spanId)), 'the linked transaction span', 30_000));
    if (tx.traceId === bankTrace) expect(tx.parentSpanId).toBe(consume.spanId);
    else expect(consume.links.map((l) => l.spanId)).toContain(tx.spanId);
    const statements = await waitFor(async () => {
      const found = receiver.spans.filter((s) => s.parentSpanId === tx.spanId && s.attributes['db.system.name'] === 'postgresql');
      return found.length > 3 && found;
    }, 'the transaction statements', 30_000);
    expect(statements.some((s) => /insert into (")?inbound_message/i.test(String(s.attributes['db.query.text'] ?? '')))).toBe(true);
    // The matching decision: the record's own span, saying what was decided.
    const decision = one(trace, (s) => s.name === 'matching decide', 'decision span');
    expect(decision).toMatchObject({ parentSpanId: consume.spanId, attributes: { 'ereceipt.remittance_id': remittance.id, 'ereceipt.matching.outcome': 'AUTO' } });
    // Publish: one producer span per event, each the child of the record span (stored in its outbox row).
    const sends = trace.filter((s) => s.name.startsWith('send hub.'));
    expect(sends.map((s) => s.name).sort()).toEqual(['send hub.orders', 'send hub.remittances', 'send hub.remittances']);
    for (const s of sends) expect(s).toMatchObject({ parentSpanId: consume.spanId, kind: 4 /* PRODUCER */ });
    // Each relay pass that published them links to the row's span.
    const passes = receiver.spans.filter((s) => s.name === 'outbox publish' && s.links.some((l) => sends.some((x) => x.spanId === l.spanId)));
    expect(passes.length).toBeGreaterThan(0);

    // Downstream sees the trace: transport traceparent = the publish span, ce_traceparent = where the event was created.
    for (const e of events) {
      const send = sends.find((s) => s.attributes['messaging.message.id'] === e.headers.ce_id);
      expect(send).toBeDefined();
      expect(e.headers.traceparent).toBe(`00-${bankTrace}-${send!.spanId}-01`);
      expect(e.headers.ce_traceparent).toBe(`00-${bankTrace}-${consume.spanId}-01`);
    }
    const stored = await db.pool.query<{ traceparent: string | null }>(`select traceparent from outbox_event where key = $1`, [remittance.id]);
    expect(stored.rows.map((r) => r.traceparent)).toEqual([`00-${bankTrace}-${consume.spanId}-01`, `00-${bankTrace}-${consume.spanId}-01`]);
  });

  it('a record without traceparent starts its own trace, and the events still carry it', async () => {
    const ref = `TRN-${run}`;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: run, value: buildMt103({ ref, valueDate: yymmdd, amount: '17,00', payerName: 'NOBODY WE KNOW', remittanceInfo: ['NOTHING'] }) }] });
    const remittance = await waitFor(async () => (await db.pool.query<{ id: string }>(`select id from remittance where message_ref = $1`, [ref])).rows[0], 'the wire', 90_000);
    const received = await waitFor(async () => tap.on('hub.remittances').find((m) => m.key === remittance.id && m.headers.ce_type === 'ereceipt.remittance.received.v1'), 'remittance.received', 60_000);
    const [, traceId, originSpan] = received.headers.ce_traceparent.split('-');
    const consume = await waitFor(async () => receiver.spans.find((s) => s.spanId === originSpan), 'the record span', 30_000);
    expect(consume).toMatchObject({ name: 'process bank.remittance.mt103', traceId, parentSpanId: null });
    await waitFor(async () => spansOf(traceId).some((s) => s.name === 'matching decide' && s.parentSpanId === originSpan), 'its decision span', 30_000);
  });

  it('log lines carry trace_id and span_id (pino instrumentation): an API request\'s line is in its server span\'s trace', async () => {
    const res = await call('GET', `/sellers/${sellerId}`);
    expect(res.status).toBe(200);
    const line = await waitFor(async () => {
      const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes(`"url":"/api/v1/sellers/${sellerId}"`) && l.includes('request completed'));
      return lines.length > 0 && (JSON.parse(lines[lines.length - 1]) as { trace_id?: string; span_id?: string });
    }, 'the request log line', 30_000);
    expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);
    const server = await waitFor(async () => receiver.spans.find((s) => s.traceId === line.trace_id && s.kind === 2 /* SERVER */), 'the request span', 30_000);
    expect(server.attributes['http.route'] ?? server.name).toMatch(/sellers/);
  });
});
