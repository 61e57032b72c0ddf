import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildCamt054, buildGenericCsv, buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');


/** Issue #3 §5–6: bank files over Kafka (`ereceipt push`) and `POST /bank-files` reach the same remittances. */
describe('bank files: camt.054, CSV and MT103 over Kafka and HTTP (real Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const tokens: Record<'connector' | 'finance', string> = { connector: '', finance: '' };
  const run = randomUUID().slice(0, 8).toUpperCase();
  const dir = mkdtempSync(join(tmpdir(), 'bank-files-e2e-'));

  beforeAll(async () => {
    // A database and a consumer group per run: a concurrent run cannot drop the database, and the group
    // starts at the end of the inbound topics (the broker may hold other suites' backlog).
    db = await freshDatabase(`bank_files_${run.toLowerCase()}`);
    tap = await new KafkaTap().start(['hub.remittances', 'bank.remittance.mt103.dlq']);
    kafka = await producer();
    for (const role of ['connector', 'finance'] as const) {
      tokens[role] = execFileSync(process.execPath, [CLI, 'tokens', 'create', '--role', role], { env: { ...process.env, DATABASE_URL: db.url } }).toString().trim();
    }
    const groupId = `e2e-bank-files-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('bank-files', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, BANK_FILE_MAX_BYTES: String(256 * 1024) });
    await hub.start();
    // The consumer joins its group a little after /health/ready: wait until it has taken a first message.
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: `warm-${run}`, value: buildMt103({ ref: `WARM-${run}` }) }] });
    await waitFor(async () => (await db.pool.query('select 1 from remittance where message_ref = $1', [`WARM-${run}`])).rowCount === 1, 'the hub to consume its first message', 150_000);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await tap?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  // Other hubs (other suites running now) consume the same inbound topics: count only events keyed by this database's rows.
  const eventsOf = (id: string) => tap.on('hub.remittances').filter((m) => m.key === id && m.headers.ce_type === 'ereceipt.remittance.received.v1');
  type Row = { id: string; status: string; duplicate_of: string | null; message_ref: string };
  const rowsWhere = async (sql: string, params: unknown[]): Promise<Row[]> => (await db.pool.query<Row>(`select id, status, duplicate_of, message_ref, amount, currency, channel, file_name from remittance where ${sql} order by received_at, source_index`, params)).rows;
  const post = (body: string | Buffer, query = '', token: string | null = tokens.connector, type = 'application/octet-stream') =>
    fetch(`${hub.baseUrl}/api/v1/bank-files${query}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const recorded = async (ref: string) =>
    waitFor(async () => {
      const [row] = await rowsWhere(`message_ref = $1 or "references"::jsonb ? $1`, [ref]);
      return row && eventsOf(row.id).length > 0 && { row, event: eventsOf(row.id)[0] };
    }, `remittance ${ref} stored and remittance.received published`, 120_000);
  const get = async (path: string, token = tokens.finance) => fetch(`${hub.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('(a) a camt.054 and a generic CSV pushed with `ereceipt push` become remittances and remittance.received events', async () => {
    const camt = join(dir, `camt-${run}.xml`);
    const csv = join(dir, `bank-${run}.csv`);
    writeFileSync(camt, buildCamt054({ credits: [{ ref: `KA1-${run}` }, { ref: `KA2-${run}`, currency: 'JPY', amount: '150000' }] }));
    writeFileSync(csv, buildGenericCsv([{ reference: `KC1-${run}` }, { reference: `KC2-${run}`, amount: '-10.00' }, { reference: `KC3-${run}`, currency: 'EUR', amount: '99.95' }]));
    const out = execFileSync(process.execPath, [CLI, 'push', camt, csv], { env: process.env }).toString();
    expect(out).toContain(`${camt}: 1 message(s) sent to bank.remittance.camt054`);
    expect(out).toContain(`${csv}: 1 message(s) sent to bank.remittance.csv`);

    const seen: Array<Awaited<ReturnType<typeof recorded>>> = [];
    for (const ref of [`KA1-${run}`, `KA2-${run}`, `KC1-${run}`, `KC3-${run}`]) seen.push(await recorded(ref));
    expect(await rowsWhere('message_ref like $1', [`KA_-${run}`])).toMatchObject([
      { amount: '9985.00', currency: 'USD', status: 'PENDING_ASSOCIATION', channel: 'kafka' },
      { amount: '150000', currency: 'JPY', status: 'PENDING_ASSOCIATION', channel: 'kafka' },
    ]);
    for (const s of seen) expect(eventsOf(s.row.id)).toHaveLength(1);
    expect(seen[3].event.json()).toMatchObject({ source: 'csv', amount: '99.95', currency: 'EUR', provenance: { channel: 'kafka', topic: 'bank.remittance.csv', index: 2, line: 4 } });
    expect(await rowsWhere(`"references"::jsonb ? $1`, [`KC2-${run}`])).toEqual([]);
  });

  it('(b) POST /bank-files: 201 with accepted/rejected/skipped, 200 duplicate for the same bytes, 401, 403, 400, 413', async () => {
    const camt = buildCamt054({ credits: [{ ref: `HA1-${run}`, amount: '1234.50' }] });
    const first = await post(camt, '?file-name=notif.xml', tokens.connector, 'application/xml');
    expect(first.status).toBe(201);
    const created = (await first.json()) as { fileId: string; sha256: string; accepted: Array<{ remittanceId: string }> };
    expect(created).toMatchObject({ format: 'camt054', duplicate: false, accepted: [{ index: 0, status: 'recorded' }], rejected: [], skipped: [] });
    expect(created.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await post(camt);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...created, duplicate: true });
    const { row, event } = await recorded(`HA1-${run}`);
    expect(row.id).toBe(created.accepted[0].remittanceId);
    expect(event.json()).toMatchObject({ provenance: { channel: 'http', topic: 'bank.remittance.camt054', fileName: 'notif.xml' } });

    const csv = buildGenericCsv([{ reference: `HC1-${run}` }, { reference: `HC2-${run}`, valueDate: '2026-13-45' }, { reference: `HC3-${run}`, amount: '-1.00' }, { reference: `HC4-${run}` }]);
    const res = await post(csv, '?format=csv&profile=generic', tokens.connector, 'text/csv');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { accepted: unknown[]; rejected: Array<{ line: number; field: string }> };
    expect(body).toMatchObject({ format: 'csv', accepted: [{ index: 0, line: 2, status: 'recorded' }, { index: 3, line: 5, status: 'recorded' }], skipped: [{ index: 2, line: 4 }] });
    expect(body.rejected).toEqual([expect.objectContaining({ index: 1, line: 3, field: 'value_date', code: expect.stringMatching(/^CSV\./) })]);
    await recorded(`HC4-${run}`);

    expect((await post(camt, '', null)).status).toBe(401);
    const forbidden = await post(camt, '', tokens.finance);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ statusCode: 403, error: 'FORBIDDEN', code: 'AUTH.ROLE_NOT_ALLOWED' });
    const unusable = await post('<Document><Nothing/></Document>', '?format=camt054');
    expect(unusable.status).toBe(400);
    expect(await unusable.json()).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ code: expect.any(String) })] });
    const unknown = await post('hello there, not a bank file');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/format=mt103\|camt054\|csv/);
    const tooLarge = await post(Buffer.alloc(300 * 1024, 0x41), '?format=csv');
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ statusCode: 413, error: 'PAYLOAD TOO LARGE' });
  });

  it('(b) GET /remittances and /remittances/{id}: canonical shape, filters, keyset paging, 404, 400', async () => {
    const [row] = await rowsWhere('message_ref = $1', [`HA1-${run}`]);
    const one = await get(`/remittances/${row.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: row.id, status: 'PENDING_ASSOCIATION', source: 'camt054', amount: '1234.50', payer: { name: 'ACME TRADING LLC', bic: 'CHASUS33XXX' }, beneficiary: { name: 'NINGBO EXAMPLE CO LTD' }, instructedAmount: null, duplicateOf: null, associations: [], decision: { outcome: 'NONE', reason: 'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT' }, provenance: { channel: 'http', topic: 'bank.remittance.camt054', fileName: 'notif.xml', index: 0 } });
    expect((await get(`/remittances/${randomUUID()}`)).status).toBe(404);
    expect((await get('/remittances/not-a-uuid')).status).toBe(400);
    const listed = (await (await get(`/remittances?messageRef=HA1-${run}`)).json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(listed).toEqual({ items: [expect.objectContaining({ id: row.id })], nextCursor: null });
    const p1 = (await (await get('/remittances?limit=2&status=PENDING_ASSOCIATION')).json()) as { items: Array<{ id: string }>; nextCursor: string };
    const p2 = (await (await get(`/remittances?limit=2&status=PENDING_ASSOCIATION&cursor=${p1.nextCursor}`)).json()) as { items: Array<{ id: string }> };
    expect(p1.items).toHaveLength(2);
    expect(p2.items.length).toBeGreaterThan(0);
    expect(p2.items.map((i) => i.id)).not.toContain(p1.items[0].id);
    expect((await get('/remittances?limit=501')).status).toBe(400);
    expect((await get('/remittances', tokens.connector)).status).toBe(403);
  });

  it('(c) one wire as MT103 (Kafka) and camt.054 (HTTP), same UETR: one original, one linked DUPLICATE, one event', async () => {
    const uetr = randomUUID();
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: `wire-${run}`, value: buildMt103({ ref: `WM-${run}`, uetr, amount: '5000,00' }) }] });
    await recorded(`WM-${run}`);
    const res = await post(buildCamt054({ credits: [{ ref: `WC-${run}`, uetr: uetr.toUpperCase(), amount: '5000.00' }] }), '?format=camt054');
    expect(res.status).toBe(201);
    const [original, copy] = await rowsWhere('uetr = $1', [uetr]);
    expect(original).toMatchObject({ status: 'PENDING_ASSOCIATION', duplicate_of: null, message_ref: `WM-${run}` });
    expect(copy).toMatchObject({ status: 'DUPLICATE', duplicate_of: original.id, message_ref: `WC-${run}`, channel: 'http' });
    expect(await res.json()).toMatchObject({ accepted: [{ status: 'duplicate', remittanceId: copy.id, duplicateOf: original.id }] });

    // A later event on the same relay: if the copy had produced one, it would have come before this.
    await post(buildCamt054({ credits: [{ ref: `WS-${run}` }] }));
    await recorded(`WS-${run}`);
    expect(eventsOf(original.id)).toHaveLength(1);
    expect(eventsOf(copy.id)).toHaveLength(0);
    const outbox = await db.pool.query(`select count(*)::int as n from outbox_event where type = 'ereceipt.remittance.received.v1' and key = any($1)`, [[original.id, copy.id]]);
    expect(outbox.rows[0].n).toBe(1);
  });

  it('(d) an MT file of 3 messages with 1 bad: 2 remittances, and the whole file on the DLQ naming the line and field', async () => {
    const bad = buildMt103({ ref: `MB-${run}` }).replace(':32A:261120USD', ':32A:261199USD');
    const file = [buildMt103({ ref: `MG1-${run}` }), bad, buildMt103({ ref: `MG2-${run}` })].join('\r\n');
    const badLine = file.slice(0, file.indexOf(':32A:261199')).split('\n').length;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: `file-${run}`, value: file }] });

    const dlq = await waitFor(async () => tap.on('bank.remittance.mt103.dlq').find((m) => m.value.toString() === file), 'the MT file on the DLQ', 120_000);
    await recorded(`MG2-${run}`);
    expect((await rowsWhere('message_ref like $1', [`M__-${run}`])).map((r) => r.message_ref)).toEqual([`MG1-${run}`, `MG2-${run}`]);
    expect(dlq.headers['error-code']).toMatch(/^MT/);
    expect(dlq.headers['error-message']).toContain(`:${badLine}: :32A:`);
    expect(dlq.headers['original-topic']).toBe('bank.remittance.mt103');
  });

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(db.url)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
