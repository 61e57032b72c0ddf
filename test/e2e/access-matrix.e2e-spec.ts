import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { signLink } from '@ereceipt/notifications';
import { dropDatabase, freshDatabase, HubProcess } from '@ereceipt/testing';
import { runCli } from '../support/cli';
import { createToken } from '../support/hub-api';

type Role = 'seller' | 'finance' | 'admin' | 'connector';
type Column = 'no token' | 'revoked token' | Role | 'other tenant seller';

/**
 * Issue 16 item 5: the access matrix. Every operation of docs/api/openapi.json is called as each
 * column (no token, a revoked token, each role, a seller of another tenant) against the real hub
 * and PostgreSQL. The roles each route opens to are written down here by hand: an operation of the
 * OpenAPI document without an entry fails the test, so a new route cannot be forgotten. Path ids
 * name the first seller's own seller and order, so a 2xx for the other tenant's seller is a leak;
 * so is any answer of a list that shows the first seller's ids to it.
 */
const ACCESS: Record<string, 'public' | Role[]> = {
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': ['seller', 'finance', 'admin', 'connector'],
  'GET /buyer/orders/{orderNo}/evaluation': 'public',
  'POST /buyer/orders/{orderNo}/evaluation': 'public',
  'POST /orders/{orderNo}/evaluation-invitations': ['seller', 'admin'],
  'POST /evaluations/{id}/reply': ['seller'],
  'GET /suppliers/{sellerId}/score': ['seller', 'admin', 'finance'],
  'GET /suppliers/{sellerId}/evaluations': ['seller', 'admin', 'finance'],
  'POST /buyer/orders/{orderNo}/receipt-confirmation': 'public',
  'POST /orders/{orderNo}/shipments': ['seller', 'admin'],
  'GET /orders/{orderNo}/shipments': ['seller', 'admin', 'finance'],
  'POST /buyer/orders/{orderNo}/refunds': 'public',
  'POST /buyer/orders/{orderNo}/refunds/{id}/accept': 'public',
  'POST /buyer/orders/{orderNo}/refunds/{id}/reject': 'public',
  'POST /buyer/orders/{orderNo}/refunds/{id}/messages': 'public',
  'GET /buyer/orders/{orderNo}/refunds/{id}': 'public',
  'POST /remittances/{id}/return': ['finance', 'admin'],
  'POST /orders/{orderNo}/withdrawals': ['seller', 'admin'],
  'GET /withdrawals': ['seller', 'admin', 'finance'],
  'GET /balances': ['seller', 'admin', 'finance'],
  'PUT /sellers/{sellerId}/funds-settings': ['seller', 'admin'],
  'POST /orders/{orderNo}/refunds': ['seller', 'admin'],
  'POST /refunds/{id}/accept': ['seller', 'admin'],
  'POST /refunds/{id}/reject': ['seller', 'admin'],
  'POST /refunds/{id}/messages': ['seller', 'admin'],
  'GET /refunds/{id}': ['seller', 'admin'],
  'GET /sellers/{sellerId}/matching-settings': ['seller', 'finance', 'admin'],
  'PUT /sellers/{sellerId}/matching-settings': ['seller', 'finance', 'admin'],
  'POST /remittances/{id}/associations': ['seller', 'finance', 'admin'],
  'DELETE /remittances/{id}/associations/{associationId}': ['seller', 'finance', 'admin'],
  'POST /associations/{id}/approve': ['finance'],
  'POST /associations/{id}/reject': ['finance'],
  'GET /buyer/orders/{orderNo}': 'public',
  'POST /buyer/orders/{orderNo}/payment-confirmation': 'public',
  'GET /erp-orders/sync-log': ['seller', 'admin', 'finance'],
  'POST /orders': ['seller', 'admin'],
  'GET /orders': ['seller', 'admin', 'finance'],
  'GET /orders/{orderNo}': ['seller', 'admin', 'finance'],
  'PATCH /orders/{orderNo}': ['seller', 'admin'],
  'POST /orders/{orderNo}/submit': ['seller', 'admin'],
  'POST /orders/{orderNo}/reminders': ['seller', 'admin'],
  'POST /orders/{orderNo}/cancel': ['seller', 'admin'],
  'POST /bank-files': ['connector'],
  'GET /remittances': ['finance', 'admin', 'seller'],
  'GET /remittances/{id}': ['finance', 'admin', 'seller'],
  'GET /reports/reconciliation': ['finance', 'admin', 'seller'],
  'GET /exceptions': ['finance', 'admin', 'seller'],
  'GET /sellers/{sellerId}/open-orders': ['finance', 'admin', 'seller'],
  'POST /remittances/bulk-actions': ['finance', 'admin'],
  'POST /sellers/applications': ['admin'],
  'GET /sellers/{sellerId}': ['admin', 'finance', 'seller'],
  'POST /sellers/{sellerId}/approve': ['admin'],
  'POST /sellers/{sellerId}/reject': ['admin'],
};

describe('access matrix: every route x {no token, revoked, each role, another tenant} (real hub, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  const run = randomUUID().slice(0, 8).toLowerCase();
  const bearer: Record<Exclude<Column, 'no token'>, string> = { 'revoked token': '', seller: '', finance: '', admin: '', connector: '', 'other tenant seller': '' };
  const own = { sellerId: '', orderNo: '' };
  const other = { sellerId: '' };
  const secret = `matrix-secret-${randomUUID()}`;

  const send = async (method: string, path: string, token: string | null, body?: unknown) => {
    const go = () =>
      fetch(`${hub.baseUrl}/api/v1${path}`, {
        method,
        redirect: 'manual',
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const res = await go().catch(go);
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return { status: res.status, code, text };
  };

  const seller = async (name: string) => {
    const applied = await send('POST', '/sellers/applications', bearer.admin, { legalName: name, customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: `f@${run}.example` });
    expect(applied.status).toBe(201);
    const sellerId = (JSON.parse(applied.text) as { sellerId: string }).sellerId;
    expect((await send('POST', `/sellers/${sellerId}/approve`, bearer.admin)).status).toBe(200);
    return sellerId;
  };

  beforeAll(async () => {
    db = await freshDatabase(`access_${run}`);
    bearer.admin = createToken(db.url, 'admin');
    bearer.finance = createToken(db.url, 'finance');
    bearer.connector = createToken(db.url, 'connector');
    // HTTP only (no consumer, relay or schedulers): ready means answering, so wait for liveness.
    hub = await HubProcess.create('access-matrix', { DATABASE_URL: db.url, HUB_ROLES: 'http', HUB_SECRET: secret });
    await hub.startLive();
    own.sellerId = await seller(`MATRIX OWN ${run} LTD`);
    other.sellerId = await seller(`MATRIX OTHER ${run} LTD`);
    bearer.seller = createToken(db.url, 'seller', own.sellerId);
    bearer['other tenant seller'] = createToken(db.url, 'seller', other.sellerId);
    const revoked = runCli(db.url, ['tokens', 'create', '--role', 'admin', '--name', 'to-revoke']);
    bearer['revoked token'] = revoked.stdout.trim();
    const listed = runCli(db.url, ['tokens', 'list', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; name: string });
    expect(runCli(db.url, ['tokens', 'revoke', listed.find((t) => t.name === 'to-revoke')!.id]).status).toBe(0);
    const drafted = await send('POST', '/orders', bearer.seller, {
      buyer: { name: 'MATRIX BUYER GMBH', email: 'ap@matrix.example', country: 'DE' }, currency: 'USD',
      lines: [{ name: 'Thing', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: '100.00' }],
      milestones: [{ kind: 'DEPOSIT', amount: '100.00', dueDate: '2027-01-01', preShipment: true }],
      incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
    });
    expect(drafted.status).toBe(201);
    own.orderNo = (JSON.parse(drafted.text) as { orderNo: string }).orderNo;
  }, 180_000);

  it('buyer links: the genuine one opens the page; tampered, expired, another order\'s and another purpose\'s are refused', async () => {
    expect((await send('POST', `/orders/${own.orderNo}/submit`, bearer.seller)).status).toBe(200);
    const day = 86_400_000;
    const link = (claims: { purpose: 'buyer-order' | 'evaluation'; subject: string; expiresAt: Date }) => signLink(claims, secret);
    const page = (token: string) => send('GET', `/buyer/orders/${own.orderNo}?t=${encodeURIComponent(token)}`, null);
    const genuine = link({ purpose: 'buyer-order', subject: own.orderNo, expiresAt: new Date(Date.now() + day) });
    expect((await page(genuine)).status).toBe(200);
    const flipped = `${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'AB' : 'AA'}`;
    const refusals = {
      tampered: await page(flipped),
      expired: await page(link({ purpose: 'buyer-order', subject: own.orderNo, expiresAt: new Date(Date.now() - 1000) })),
      'another order': await page(link({ purpose: 'buyer-order', subject: 'EO-2026-999999', expiresAt: new Date(Date.now() + day) })),
      'another purpose': await page(link({ purpose: 'evaluation', subject: own.orderNo, expiresAt: new Date(Date.now() + day) })),
      'another secret': await page(signLink({ purpose: 'buyer-order', subject: own.orderNo, expiresAt: new Date(Date.now() + day) }, 'y'.repeat(32))),
    };
    expect(Object.fromEntries(Object.entries(refusals).map(([k, v]) => [k, `${v.status} ${v.code ?? ''}`]))).toEqual({
      tampered: '401 LINK.TAMPERED',
      expired: '401 LINK.EXPIRED',
      'another order': '403 LINK.WRONG_ORDER',
      'another purpose': '403 LINK.WRONG_PURPOSE',
      'another secret': '401 LINK.TAMPERED',
    });
    for (const r of Object.values(refusals)) expect(r.text).not.toContain('MATRIX BUYER GMBH');
  });

  afterAll(async () => {
    await hub?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('every operation of the OpenAPI document has an entry, and every entry an operation', () => {
    const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'api', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`));
    expect(operations.filter((o) => !(o in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !operations.includes(k))).toEqual([]);
  });

  it('each cell answers as the table says; the other tenant sees nothing of the first seller', async () => {
    const columns: Column[] = ['no token', 'revoked token', 'seller', 'finance', 'admin', 'connector', 'other tenant seller'];
    const wrong: string[] = [];
    const leaks: string[] = [];
    let cells = 0;
    for (const [operation, allowed] of Object.entries(ACCESS)) {
      const [method = 'GET', template = '/'] = operation.split(' ');
      // Logging out a session is public but harmless; signing in is rate-limited, so one cell of it is enough.
      const path = template
        .replace('{sellerId}', own.sellerId)
        .replace('{orderNo}', own.orderNo)
        .replace(/\{(id|associationId)\}/g, randomUUID());
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      for (const column of columns) {
        if (operation === 'POST /auth/login' && column !== 'no token') continue;
        cells++;
        const answer = await send(method, path, column === 'no token' ? null : bearer[column], body);
        const cell = `${operation} as ${column}: ${answer.status} ${answer.code ?? ''}`;
        if (answer.status >= 500) wrong.push(`${cell} (server error)`);
        if (allowed === 'public') continue;
        const role: Role | null = column === 'other tenant seller' ? 'seller' : column === 'no token' || column === 'revoked token' ? null : column;
        if (column === 'no token' && !(answer.status === 401 && answer.code === 'AUTH.MISSING_TOKEN')) wrong.push(`${cell} (expected 401 AUTH.MISSING_TOKEN)`);
        if (column === 'revoked token' && !(answer.status === 401 && answer.code === 'AUTH.INVALID_TOKEN')) wrong.push(`${cell} (expected 401 AUTH.INVALID_TOKEN)`);
        if (role && !allowed.includes(role) && !(answer.status === 403 && answer.code === 'AUTH.ROLE_NOT_ALLOWED')) wrong.push(`${cell} (expected 403 AUTH.ROLE_NOT_ALLOWED)`);
        if (role && allowed.includes(role) && (answer.status === 401 || answer.code === 'AUTH.ROLE_NOT_ALLOWED')) wrong.push(`${cell} (the role is allowed)`);
        if (column === 'other tenant seller' && allowed.includes('seller')) {
          const namesOwn = template.includes('{sellerId}') || template.includes('{orderNo}');
          // A refusal may repeat the id it was asked for; an answer (2xx) about the first seller is a leak.
          if (answer.status < 300 && (namesOwn || answer.text.includes(own.sellerId) || answer.text.includes(own.orderNo))) leaks.push(cell);
        }
      }
    }
    process.stdout.write(`access matrix: ${Object.keys(ACCESS).length} operations x ${columns.length} columns = ${cells} cells, ${wrong.length} wrong, ${leaks.length} leaks\n`);
    expect(wrong).toEqual([]);
    expect(leaks).toEqual([]);
  }, 300_000);
});
