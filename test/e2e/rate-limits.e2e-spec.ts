import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { signLink } from '@ereceipt/notifications';
import { dropDatabase, freshDatabase, HubProcess } from '@ereceipt/testing';
import { createToken } from '../support/hub-api';

const LIMIT = 5;
const WINDOW_SECONDS = 10;

/**
 * Issue 16 item 5, "rate limits on buyer pages and login", against the running hub: the buyers'
 * signed pages allow BUYER_PAGE_RATE_LIMIT requests per client address in
 * BUYER_PAGE_RATE_WINDOW_SECONDS (here 5 in 10 s; the default is 60 a minute), then 429
 * `BUYER.RATE_LIMITED` with Retry-After, as JSON for an API client and as a readable page for a
 * browser; another client is served meanwhile; a refused confirmation records nothing; after
 * Retry-After the client is served again. Behind a proxy (TRUST_PROXY) the client is the
 * X-Forwarded-For address, which is how this suite plays several clients from one machine. Signing
 * in over the API: 5 failures for one e-mail, then 429 `AUTH.TOO_MANY_ATTEMPTS` with Retry-After.
 */
describe('rate limits: buyers\' pages per client, and signing in (running hub)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  const run = randomUUID().slice(0, 8).toLowerCase();
  const secret = `rate-limit-secret-${randomUUID()}`;
  const own = { sellerId: '', orderNo: '', link: '' };
  const figures: string[] = [];

  const api = async (method: string, path: string, options: { token?: string; body?: unknown; client?: string; accept?: string } = {}) => {
    const res = await fetch(`${hub.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        accept: options.accept ?? 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.client ? { 'x-forwarded-for': options.client } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return { status: res.status, code, text, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') ?? '' };
  };
  const page = (client: string, accept = 'application/json') => api('GET', `/buyer/orders/${own.orderNo}?t=${encodeURIComponent(own.link)}`, { client, accept });

  beforeAll(async () => {
    db = await freshDatabase(`rate_limits_${run}`);
    const admin = createToken(db.url, 'admin');
    hub = await HubProcess.create('rate-limits', { DATABASE_URL: db.url, HUB_ROLES: 'http', HUB_SECRET: secret, TRUST_PROXY: 'loopback', BUYER_PAGE_RATE_LIMIT: String(LIMIT), BUYER_PAGE_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) });
    await hub.startLive();
    const applied = await api('POST', '/sellers/applications', { token: admin, body: { legalName: `RATE ${run} LTD`, customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: `f@${run}.example` } });
    own.sellerId = (JSON.parse(applied.text) as { sellerId: string }).sellerId;
    expect((await api('POST', `/sellers/${own.sellerId}/approve`, { token: admin })).status).toBe(200);
    const seller = createToken(db.url, 'seller', own.sellerId);
    const drafted = await api('POST', '/orders', {
      token: seller,
      body: {
        buyer: { name: 'RATE BUYER GMBH', email: 'ap@rate.example', country: 'DE' }, currency: 'USD',
        lines: [{ name: 'Thing', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: '100.00' }],
        milestones: [{ kind: 'DEPOSIT', amount: '100.00', dueDate: '2027-01-01', preShipment: true }],
        incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
      },
    });
    own.orderNo = (JSON.parse(drafted.text) as { orderNo: string }).orderNo;
    expect((await api('POST', `/orders/${own.orderNo}/submit`, { token: seller })).status).toBe(200);
    own.link = signLink({ purpose: 'buyer-order', subject: own.orderNo, expiresAt: new Date(Date.now() + 86_400_000) }, secret);
  }, 400_000);

  afterAll(async () => {
    if (figures.length > 0) process.stdout.write(`rate limits: ${figures.join('; ')}\n`);
    await hub?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it(`a buyer's client gets ${LIMIT} requests per ${WINDOW_SECONDS} s, then 429 with a code and Retry-After; another client is served; after Retry-After it is served again`, async () => {
    const a = '203.0.113.10';
    const b = '203.0.113.11';
    const served: number[] = [];
    for (let i = 0; i < LIMIT; i++) served.push((await page(a)).status);
    expect(served).toEqual(Array(LIMIT).fill(200));
    const limited = await page(a);
    expect(limited).toMatchObject({ status: 429, code: 'BUYER.RATE_LIMITED' });
    const wait = Number(limited.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(JSON.parse(limited.text)).toMatchObject({ statusCode: 429, details: { retryAfterSeconds: wait } });

    // A browser gets a readable page (with the code), the same status and header.
    const html = await page(a, 'text/html');
    expect({ status: html.status, html: html.contentType.startsWith('text/html'), retryAfter: Number(html.retryAfter) > 0 }).toEqual({ status: 429, html: true, retryAfter: true });
    expect(html.text).toContain('BUYER.RATE_LIMITED');

    // Every buyer route shares the budget: the confirmation is refused too, and records nothing.
    const confirm = await api('POST', `/buyer/orders/${own.orderNo}/payment-confirmation?t=${encodeURIComponent(own.link)}`, { client: a, body: {} });
    expect(confirm).toMatchObject({ status: 429, code: 'BUYER.RATE_LIMITED' });
    const refunds = await api('POST', `/buyer/orders/${own.orderNo}/refunds?t=${encodeURIComponent(own.link)}`, { client: a, body: { amount: '1.00', reason: 'x' } });
    expect(refunds).toMatchObject({ status: 429, code: 'BUYER.RATE_LIMITED' });

    // Another client (another address behind the proxy) is served, and sees no confirmation.
    const other = await page(b);
    expect(other.status).toBe(200);
    expect(JSON.parse(other.text)).toMatchObject({ confirmation: null, canConfirm: true });

    // After Retry-After, the first client is served again.
    await new Promise((r) => setTimeout(r, wait * 1000 + 300));
    const again = await page(a);
    expect(again.status).toBe(200);
    figures.push(`buyer pages ${LIMIT} per ${WINDOW_SECONDS} s per client: request ${LIMIT + 1} -> 429 BUYER.RATE_LIMITED, Retry-After ${wait} s (JSON and HTML), other client 200, 200 again after Retry-After`);
  }, 120_000);

  it('signing in over the API: five failures for one e-mail, then 429 AUTH.TOO_MANY_ATTEMPTS with Retry-After', async () => {
    const email = `nobody-${run}@rate.example`;
    const attempts: number[] = [];
    for (let i = 0; i < 5; i++) attempts.push((await api('POST', '/auth/login', { client: '203.0.113.20', body: { email, password: `wrong-${i}` } })).status);
    expect(attempts).toEqual([401, 401, 401, 401, 401]);
    const limited = await api('POST', '/auth/login', { client: '203.0.113.21', body: { email, password: 'wrong-again' } });
    expect(limited).toMatchObject({ status: 429, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    figures.push(`login: attempt 6 for one e-mail (from another address) -> 429 AUTH.TOO_MANY_ATTEMPTS, Retry-After ${limited.retryAfter} s`);
  });
});
