import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, type IncomingHttpHeaders, request, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { signLink } from '@ereceipt/notifications';
import { dropDatabase, freshDatabase, HubProcess } from '@ereceipt/testing';
import { createToken } from '../support/hub-api';
import { ACCESS, type Role } from '../support/route-access';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  code?: string;
  fields: string[];
  socket: number;
  reused: boolean;
}

const BANK_FILE_MAX_BYTES = 64 * 1024;
const JSON_LIMIT = 1024 * 1024;

/**
 * Issue 16 item 6: bad input over HTTP against the running hub (dist, real PostgreSQL): every route
 * of docs/api/openapi.json that takes a body gets an oversized body, wrong content types, a charset
 * the parser cannot read, malformed JSON, a top-level array, a body nested 5,000 levels and an
 * unknown field; amount strings get huge numbers, too many digits and exponents; two bodies with
 * several bad fields must name every one. Every answer must be a 4xx with a code, never a 500, and
 * never a reset connection: all requests go through one kept-alive socket per agent, and an error on
 * the socket fails the test. Then an idle kept-alive socket is reused after 6 s.
 */
describe('bad input over HTTP: a 4xx with a code, never a 500 or a reset connection (running hub)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  const run = randomUUID().slice(0, 8).toLowerCase();
  const secret = `bad-input-secret-${randomUUID()}`;
  const bearer: Record<Role, string> = { seller: '', finance: '', admin: '', connector: '' };
  const own = { sellerId: '', orderNo: '', draftNo: '' };
  const links = { order: '', evaluation: '' };
  let agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new WeakMap<Socket, number>();
  let socketsOpened = 0;
  const answers: Array<{ what: string; answer: Answer }> = [];

  const send = (method: string, path: string, options: { token?: string | null; body?: string | Buffer; contentType?: string | null; headers?: Record<string, string>; via?: Agent } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
      const headers: Record<string, string | number> = { accept: 'application/json', ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (body !== undefined) {
        headers['content-length'] = body.length;
        if (options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
      }
      const req = request(`${hub.baseUrl}${path}`, { method, headers, agent: options.via ?? agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: { code?: string; details?: { issues?: Array<{ field: string }> } } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            parsed = {};
          }
          const socket = req.socket as Socket;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, code: parsed.code, fields: (parsed.details?.issues ?? []).map((i) => i.field), socket: sockets.get(socket) ?? -1, reused: req.reusedSocket });
        });
      });
      req.on('socket', (s: Socket) => {
        if (!sockets.has(s)) sockets.set(s, ++socketsOpened);
      });
      // A reset, a hang-up or a refused connection: the test fails with it.
      req.on('error', reject);
      req.end(body);
    });

  const json = (method: string, path: string, token: string | null, body: unknown) => send(method, `/api/v1${path}`, { token, body: JSON.stringify(body) });

  beforeAll(async () => {
    db = await freshDatabase(`bad_input_${run}`);
    bearer.admin = createToken(db.url, 'admin');
    bearer.finance = createToken(db.url, 'finance');
    bearer.connector = createToken(db.url, 'connector');
    hub = await HubProcess.create('bad-input', { DATABASE_URL: db.url, HUB_ROLES: 'http', HUB_SECRET: secret, BANK_FILE_MAX_BYTES: String(BANK_FILE_MAX_BYTES), BUYER_PAGE_RATE_LIMIT: '100000' });
    await hub.startLive();
    const applied = await json('POST', '/sellers/applications', bearer.admin, { legalName: `BAD INPUT ${run} LTD`, customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: `f@${run}.example` });
    expect(applied.status).toBe(201);
    own.sellerId = (JSON.parse(applied.text) as { sellerId: string }).sellerId;
    expect((await send('POST', `/api/v1/sellers/${own.sellerId}/approve`, { token: bearer.admin })).status).toBe(200);
    bearer.seller = createToken(db.url, 'seller', own.sellerId);
    // The CLI blocks the event loop (execFileSync); on a loaded machine for longer than the hub keeps an idle
    // socket: a pause lets the agent see the hub's close before it hands the socket out again.
    await new Promise((r) => setTimeout(r, 200));
    const drafted = await json('POST', '/orders', bearer.seller, order());
    expect(drafted.status).toBe(201);
    own.orderNo = (JSON.parse(drafted.text) as { orderNo: string }).orderNo;
    expect((await send('POST', `/api/v1/orders/${own.orderNo}/submit`, { token: bearer.seller })).status).toBe(200);
    // A second order stays a draft, so its amounts can still be edited (a submitted order's are frozen: 409).
    own.draftNo = (JSON.parse((await json('POST', '/orders', bearer.seller, order())).text) as { orderNo: string }).orderNo;
    const expiresAt = new Date(Date.now() + 86_400_000);
    links.order = signLink({ purpose: 'buyer-order', subject: own.orderNo, expiresAt }, secret);
    links.evaluation = signLink({ purpose: 'evaluation', subject: own.orderNo, expiresAt }, secret);
    // The cases run on a fresh agent: one socket for all of them, counted from here.
    agent.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    socketsOpened = 0;
  }, 400_000);

  afterAll(async () => {
    agent.destroy();
    await hub?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  const order = (patch: Record<string, unknown> = {}) => ({
    buyer: { name: 'BAD INPUT BUYER GMBH', email: 'ap@bad-input.example', country: 'DE' },
    currency: 'USD',
    lines: [{ name: 'Thing', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: '100.00' }],
    milestones: [{ kind: 'DEPOSIT', amount: '100.00', dueDate: '2027-01-01', preShipment: true }],
    incoterm: 'FOB',
    expectedShipDate: '2027-01-20',
    exportMethod: 'SELF_EXPORT',
    ...patch,
  });

  /** Every operation that takes a body (POST, PUT, PATCH), its path filled with the suite's own ids, a caller it admits. */
  const bodyRoutes = () =>
    Object.entries(ACCESS)
      .filter(([op]) => /^(POST|PUT|PATCH) /.test(op))
      .map(([op, allowed]) => {
        const [method = 'POST', template = '/'] = op.split(' ');
        let path = `/api/v1${template.replace('{sellerId}', own.sellerId).replace('{orderNo}', own.orderNo).replace(/\{(id|associationId)\}/g, randomUUID())}`;
        if (template.startsWith('/buyer/')) path += `?t=${encodeURIComponent(template.endsWith('/evaluation') ? links.evaluation : links.order)}`;
        const token = allowed === 'public' ? null : bearer[allowed.includes('seller') ? 'seller' : allowed[0]];
        return { op, method, path, token };
      });

  const record = (what: string, answer: Answer) => {
    answers.push({ what, answer });
    return answer;
  };

  it('every route that takes a body: oversized, wrong or missing content type, bad charset, malformed, an array, 5,000 levels deep', async () => {
    const routes = bodyRoutes().filter((r) => r.op !== 'POST /bank-files');
    expect(routes.length).toBeGreaterThan(30);
    const deep = `{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const cases: Array<{ name: string; body: string | Buffer; contentType?: string | null; expect: [number, string] }> = [
      { name: 'oversized', body: JSON.stringify({ pad: 'a'.repeat(JSON_LIMIT + 1024) }), expect: [413, 'HTTP.BODY_TOO_LARGE'] },
      { name: 'text/plain', body: 'hello', contentType: 'text/plain', expect: [415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'] },
      { name: 'application/xml', body: '<a/>', contentType: 'application/xml', expect: [415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'] },
      { name: 'no content-type', body: '{}', contentType: null, expect: [415, 'HTTP.UNSUPPORTED_MEDIA_TYPE'] },
      { name: 'latin-1 charset', body: '{}', contentType: 'application/json; charset=iso-8859-1', expect: [415, 'HTTP.UNSUPPORTED_ENCODING'] },
      { name: 'malformed JSON', body: '{"amount": "1.00",', expect: [400, 'HTTP.MALFORMED_JSON'] },
      { name: 'top-level array', body: '[{"amount":"1.00"}]', expect: [400, 'HTTP.BODY_NOT_AN_OBJECT'] },
      { name: '5,000 levels deep', body: deep, expect: [400, 'HTTP.BODY_TOO_DEEP'] },
    ];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const c of cases) {
        const answer = record(`${route.op} ${c.name}`, await send(route.method, route.path, { token: route.token, body: c.body, contentType: c.contentType }));
        if (`${answer.status} ${answer.code}` !== c.expect.join(' ')) wrong.push(`${route.op} ${c.name}: ${answer.status} ${answer.code ?? answer.text.slice(0, 120)} (expected ${c.expect.join(' ')})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('unknown fields are refused, named, on every route with a JSON body (the buyer\'s HTML forms read only their fields)', async () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'api', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> };
    const declared = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([, o]) => o.requestBody?.content?.['application/json']).map(([m]) => `${m.toUpperCase()} ${p.replace(/^\/api\/v1/, '')}`)));
    // The evaluation form is an HTML form (urlencoded, with the token and the button): it reads the fields it knows.
    declared.delete('POST /buyer/orders/{orderNo}/evaluation');
    const routes = bodyRoutes().filter((r) => declared.has(r.op));
    expect(routes.length).toBe(declared.size);
    const wrong: string[] = [];
    for (const route of routes) {
      const answer = record(`${route.op} unknown field`, await send(route.method, route.path, { token: route.token, body: JSON.stringify({ zzUnknown: 1 }) }));
      if (answer.status !== 400 || answer.code !== 'HTTP.INVALID_REQUEST' || !answer.fields.includes('zzUnknown')) wrong.push(`${route.op}: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('huge numbers, too many digits, exponents and signs in amounts: 400 naming the field, never stored', async () => {
    const huge = '9'.repeat(400);
    const id = randomUUID();
    const cases: Array<[string, string, string | null, unknown, string[]]> = [
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 1, unit: 'PCS', unitPrice: huge }], milestones: [{ kind: 'DEPOSIT', amount: '1e5', dueDate: '2027-01-01', preShipment: true }] }), ['lines[0].unitPrice', 'milestones[0].amount']],
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 1, unit: 'PCS', unitPrice: '1000000000000000.00' }], milestones: [{ kind: 'DEPOSIT', amount: '1000000000000000.00', dueDate: '2027-01-01', preShipment: true }] }), ['lines[0].unitPrice', 'milestones[0].amount']],
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 1e308, unit: 'PCS', unitPrice: '-1.00' }] }), ['lines[0].quantity', 'lines[0].unitPrice']],
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 2 ** 53, unit: 'PCS', unitPrice: '1.00' }] }), ['lines[0].quantity']],
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 9_000_000_000_000_000, unit: 'PCS', unitPrice: '999999999999999.99' }] }), ['lines']],
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 9_000_000_000, unit: 'PCS', unitPrice: '999999999.99' }], milestones: [{ kind: 'DEPOSIT', amount: '8999999999910000000.00', dueDate: '2027-01-01', preShipment: true }] }), ['milestones[0].amount']],
      // Each line within bounds, the total (16 digits) not: named as `lines`.
      ['POST', '/orders', bearer.seller, order({ lines: [{ name: 'T', quantity: 9_000_000, unit: 'PCS', unitPrice: '999999999.99' }] }), ['lines']],
      ['PATCH', `/orders/${own.draftNo}`, bearer.seller, { milestones: [{ kind: 'DEPOSIT', amount: huge, dueDate: '2027-01-01', preShipment: true }] }, ['milestones[0].amount']],
      ['POST', `/orders/${own.orderNo}/withdrawals`, bearer.seller, { amount: '1E+400' }, ['amount']],
      ['POST', `/orders/${own.orderNo}/withdrawals`, bearer.seller, { amount: '99999999999999999999.00' }, ['amount']],
      ['POST', `/orders/${own.orderNo}/withdrawals`, bearer.seller, { amount: 12.4 }, ['amount']],
      ['POST', `/orders/${own.orderNo}/refunds`, bearer.seller, { amount: huge, reason: 'damaged' }, ['amount']],
      ['POST', `/buyer/orders/${own.orderNo}/refunds?t=${encodeURIComponent(links.order)}`, null, { amount: '-5.00', reason: 'damaged' }, ['amount']],
      ['POST', `/remittances/${id}/return`, bearer.finance, { fee: '1e3' }, ['fee']],
      ['POST', `/remittances/${id}/associations`, bearer.finance, { allocations: [{ orderNo: own.orderNo, amount: huge }] }, ['allocations[0].amount']],
      ['PUT', `/sellers/${own.sellerId}/matching-settings`, bearer.seller, { chargeTolerance: { percent: '1e1', absolute: huge } }, ['chargeTolerance.percent', 'chargeTolerance.absolute']],
      ['GET', `/remittances?minAmount=${huge}&maxAmount=1e400`, bearer.finance, undefined, ['minAmount', 'maxAmount']],
    ];
    const wrong: string[] = [];
    for (const [method, path, token, body, fields] of cases) {
      const answer = record(`${method} ${path.split('?')[0]} amounts`, body === undefined ? await send(method, `/api/v1${path}`, { token }) : await json(method, path, token, body));
      const named = fields.filter((f) => answer.fields.includes(f));
      if (answer.status !== 400 || !answer.code || named.length !== fields.length) wrong.push(`${method} ${path.slice(0, 60)}: ${answer.status} ${answer.text.slice(0, 200)} (expected 400 naming ${fields.join(', ')})`);
    }
    expect(wrong).toEqual([]);
    // Nothing of it was stored: the suite's seller still has its two orders of 100.00.
    const orders = await db.pool.query<{ n: string; total: string }>('SELECT count(*) AS n, max(total) AS total FROM ereceipt_order WHERE seller_id = $1', [own.sellerId]);
    expect(orders.rows[0]).toEqual({ n: '2', total: '100.00' });
  }, 300_000);

  it('a 400 names every bad field at once: in the use case\'s rules, and at the shape stage', async () => {
    const rules = record('seller application, rules', await json('POST', '/sellers/applications', bearer.admin, { legalName: 'TWO BAD FIELDS LTD', customsCode: '33-0296', tradeMode: '9999', currencies: ['USD', 'US'], contactEmail: 'not-an-email' }));
    expect(rules).toMatchObject({ status: 400, code: 'SELLERS.INVALID' });
    expect(rules.fields).toEqual(['customsCode', 'tradeMode', 'currencies[1]', 'contactEmail']);
    const shape = record('seller application, shapes', await json('POST', '/sellers/applications', bearer.admin, { legalName: 7, customsCode: 3302961234, tradeMode: '0110', currencies: 'USD', contactEmail: 'f@x.example', colour: 'red' }));
    expect(shape).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
    expect([...shape.fields].sort()).toEqual(['colour', 'currencies', 'customsCode', 'legalName']);
    const anOrder = record('order, rules', await json('POST', '/orders', bearer.seller, order({ buyer: { name: ' ', email: 'x', country: 'ZZ' }, currency: 'USD', incoterm: 'XYZ', expectedShipDate: '2027-02-30' })));
    expect(anOrder).toMatchObject({ status: 400, code: 'ORDERS.INVALID' });
    expect(anOrder.fields).toEqual(['buyer.name', 'buyer.email', 'buyer.country', 'incoterm', 'expectedShipDate']);
  });

  it('bank files: over BANK_FILE_MAX_BYTES 413 with a code, JSON 415, an empty file 400', async () => {
    const big = record('bank file oversized', await send('POST', '/api/v1/bank-files?format=csv', { token: bearer.connector, body: Buffer.alloc(BANK_FILE_MAX_BYTES + 1024, 'a'), contentType: 'text/csv' }));
    expect(big).toMatchObject({ status: 413, code: 'HTTP.BODY_TOO_LARGE' });
    expect(record('bank file as JSON', await send('POST', '/api/v1/bank-files', { token: bearer.connector, body: '{"file":"x"}' }))).toMatchObject({ status: 415, code: 'HTTP.UNSUPPORTED_MEDIA_TYPE' });
    expect(record('bank file empty', await send('POST', '/api/v1/bank-files', { token: bearer.connector, body: '', contentType: 'text/csv' }))).toMatchObject({ status: 400, code: 'BANK_FILE.NO_BODY' });
    // Without a token the answer is 401 whatever the body: the media-type check runs after authentication.
    expect(record('bank file as JSON, no token', await send('POST', '/api/v1/bank-files', { body: '{"file":"x"}' }))).toMatchObject({ status: 401, code: 'AUTH.MISSING_TOKEN' });
  }, 120_000);

  it('never a 500, every answer a 4xx with a code, and no connection reset (one kept-alive socket for the whole suite)', () => {
    const statuses = new Map<number, number>();
    for (const { answer } of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const table = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s} ${STATUS_CODES[s]}: ${n}`).join(', ');
    process.stdout.write(`bad input: ${answers.length} requests (${table}); ${socketsOpened} socket(s) opened, none reset\n`);
    expect(answers.filter(({ answer }) => answer.status >= 500 || answer.status < 400 || !answer.code).map(({ what, answer }) => `${what}: ${answer.status} ${answer.text.slice(0, 100)}`)).toEqual([]);
    // The server kept the one socket open through 413s, 415s and 400s (it reads an oversized body to its end and answers; it does not reset).
    expect(socketsOpened).toBe(1);
  });

  it('keep-alive: an idle socket reused after 6 s still works (the hub keeps idle sockets 76 s)', async () => {
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send('GET', '/health', { via: idle });
      expect(first.status).toBe(200);
      expect(first.headers['keep-alive']).toMatch(/timeout=76/);
      await new Promise((r) => setTimeout(r, 6_000));
      const second = await send('GET', `/api/v1/orders/${own.orderNo}`, { via: idle, token: bearer.seller });
      expect({ status: second.status, reused: second.reused, sameSocket: second.socket === first.socket }).toEqual({ status: 200, reused: true, sameSocket: true });
    } finally {
      idle.destroy();
    }
  }, 60_000);
});
