import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Producer } from 'kafkajs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Pool } from 'pg';
import { addAmounts } from '@ereceipt/money';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ereceipt.js');
const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Issue 9: the finance console in real Chromium (Debian's package, driven by playwright-core) on
 * the real hub, Kafka and PostgreSQL. Remittances arrive as MT103s over Kafka and are matched by
 * the hub; the test logs in with a finance token, filters the exception queue, associates a
 * suggested remittance by hand and sees the dashboard count it. Screenshots in artifacts/screenshots.
 */
describe('finance console in Chromium (real hub, Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let kafka: Producer;
  let browser: Browser;
  let page: Page;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `LANTERNWICK ${run.replace(/[0-9]/g, 'Y')} IMPORTS GMBH`;
  const tokens = { admin: '', finance: '', seller: '' };
  const today = new Date().toISOString().slice(0, 10);
  const yymmdd = today.slice(2).replace(/-/g, '');
  let va = '';
  const token = (role: string, seller?: string) =>
    execFileSync(process.execPath, [CLI, 'tokens', 'create', '--role', role, ...(seller ? ['--seller', seller] : [])], { env: { ...process.env, DATABASE_URL: db.url } }).toString().trim();
  const call = async (method: string, path: string, body?: unknown, bearer = tokens.seller) => {
    const res = await fetch(`${hub.baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const submitOrder = async (deposit: string, balance: string): Promise<string> => {
    const drafted = await call('POST', '/orders', {
      buyer: { name: buyer, email: 'ap@lantern.example', country: 'DE' }, currency: 'EUR',
      lines: [{ name: 'Wick', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: addAmounts('EUR', deposit, balance) }],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: '2027-01-01', preShipment: true }, { kind: 'BALANCE', amount: balance, dueDate: '2027-02-01', preShipment: false }],
      incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
    });
    expect(drafted.status).toBe(201);
    expect((await call('POST', `/orders/${drafted.body.orderNo}/submit`)).status).toBe(200);
    return drafted.body.orderNo as string;
  };
  const remittance = async (ref: string, settled: (status: string) => boolean) =>
    waitFor(async () => {
      const row = (await db.pool.query<{ id: string; status: string }>('select r.id, r.status from remittance r join match_decision d on d.remittance_id = r.id where r.message_ref = $1', [ref])).rows[0];
      return row && settled(row.status) && row;
    }, `remittance ${ref} matched`, 90_000);
  const shot = async (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const kpi = async (key: string) => Number(await page.locator(`[data-kpi="${key}"]`).textContent());

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the test setup installs Debian's chromium (apt-get install -y chromium), see README "Finance console"`);
    mkdirSync(SHOTS, { recursive: true });
    db = await freshDatabase(`console_${run.toLowerCase()}`);
    kafka = await producer();
    tokens.admin = token('admin');
    tokens.finance = token('finance');
    const groupId = `e2e-console-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('console', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_CONSUME_TOPICS: 'bank.remittance.mt103' });
    await hub.start();
    const applied = await call('POST', '/sellers/applications', { legalName: 'WICK EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['EUR'], contactEmail: 'f@wick.example' }, tokens.admin);
    const approved = await call('POST', `/sellers/${applied.body.sellerId}/approve`, undefined, tokens.admin);
    va = (approved.body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    tokens.seller = token('seller', applied.body.sellerId as string);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('log in, filter the queue, associate a suggested remittance by hand, see the dashboard change; the report API agrees', async () => {
    const quoted = await submitOrder('700.01', '300.00');
    const a = await submitOrder('612.34', '87.66');
    const b = await submitOrder('612.34', '1387.66');
    const send = (ref: string, amount: string, info: string[], payerName = buyer, account = va, payerAccount?: string) =>
      kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: run, value: buildMt103({ ref, currency: 'EUR', valueDate: yymmdd, amount, payerName, payerAccount, beneficiaryAccount: account, remittanceInfo: info }) }] });
    await send(`AUT-${run}`, '700,01', ['ORDER', quoted]);
    await send(`SUG-${run}`, '612,34', ['GOODS']);
    await send(`UNM-${run}`, '13,57', ['GOODS'], '-2+3 TRADING', 'VA88999999999'); // no seller's account: unmatched
    const reviewed = [await submitOrder('801.01', '198.99'), await submitOrder('802.02', '197.98')];
    // Quoted but paid by a third party: the engine proposes, finance decides (approve one, reject the other).
    await send(`TPA-${run}`, '801,01', ['ORDER', reviewed[0]], 'SOMEONE ELSE TRADING SA', va, 'CH9300762011623852957');
    await send(`TPR-${run}`, '802,02', ['ORDER', reviewed[1]], 'SOMEONE ELSE TRADING SA', va, 'CH9300762011623852957');
    await remittance(`AUT-${run}`, (s) => s === 'ASSOCIATED');
    const suggested = await remittance(`SUG-${run}`, (s) => s === 'PENDING_ASSOCIATION');
    await remittance(`UNM-${run}`, (s) => s === 'PENDING_ASSOCIATION');

    // Not logged in: the login page; a wrong role is refused with the reason.
    await page.goto(`${hub.baseUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('input[name="token"]', tokens.seller);
    await page.click('button[type="submit"]');
    await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('finance role');
    await page.fill('input[name="token"]', tokens.finance);
    await page.click('button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/console');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ereceipt_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    const associatedBefore = await kpi('associated');
    expect(associatedBefore).toBeGreaterThanOrEqual(1);
    expect(await kpi('suggested')).toBeGreaterThanOrEqual(1);
    await shot('01-dashboard-before');

    // The queue, filtered: suggested only, then unmatched in EUR.
    await page.click('a[href="/console/queue"]');
    await page.selectOption('select[name="category"]', 'suggested');
    await page.click('form[aria-label="filters"] button[type="submit"]');
    expect(new URL(page.url()).searchParams.get('category')).toBe('suggested');
    await expect(page.locator(`tr[data-remittance="${suggested.id}"]`).count()).resolves.toBe(1);
    await expect(page.locator('tr[data-remittance]').allTextContents()).resolves.not.toContainEqual(expect.stringContaining(`UNM-${run}`));
    await shot('02-queue-suggested');
    await page.selectOption('select[name="category"]', 'unmatched');
    await page.fill('input[name="currency"]', 'EUR');
    await page.click('form[aria-label="filters"] button[type="submit"]');
    const unmatchedRow = page.locator('tr[data-remittance]', { hasText: `UNM-${run}` });
    await expect(unmatchedRow.count()).resolves.toBe(1);
    await expect(unmatchedRow.textContent()).resolves.toContain('-2+3 TRADING'); // shown as text
    await expect(page.locator(`tr[data-remittance="${suggested.id}"]`).count()).resolves.toBe(0);

    // The suggested remittance: candidates with their score breakdown; a wrong amount is a readable 409; then associated by hand.
    await page.selectOption('select[name="category"]', 'suggested');
    await page.click('form[aria-label="filters"] button[type="submit"]');
    await page.click(`tr[data-remittance="${suggested.id}"] a`);
    expect(new URL(page.url()).pathname).toBe(`/console/remittances/${suggested.id}`);
    await expect(page.locator('tr[data-candidate]').count()).resolves.toBe(2);
    await expect(page.locator(`tr[data-candidate="${a}"]`).textContent()).resolves.toContain('AMOUNT');
    await shot('03-remittance-candidates');
    const form = page.locator('form[aria-label="manual association"]');
    await form.locator('input[name="orderNo"]').first().fill(a);
    await form.locator('input[name="amount"]').first().fill('600.00');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('MATCHING.');
    await form.locator('input[name="orderNo"]').first().fill(a);
    await form.locator('input[name="amount"]').first().fill('612.34');
    await form.locator('button[type="submit"]').click();
    await expect(page.locator('[role="status"]').textContent()).resolves.toContain(`Associated (APPROVED): ${a} 612.34`);
    await expect(page.locator('tr[data-association]').textContent()).resolves.toContain('MANUAL');
    await shot('04-remittance-associated');
    expect((await db.pool.query('select status from remittance where id = $1', [suggested.id])).rows[0].status).toBe('ASSOCIATED');
    expect((await call('GET', `/orders/${a}`)).body).toMatchObject({ paymentStatus: 'PARTLY_PAID' });
    void b;

    // A post without the session's form token is refused (CSRF), even with the cookie.
    const forged = await page.request.post(`${hub.baseUrl}/console/remittances/${suggested.id}/associations/${randomUUID()}/unbind`, { form: { csrf: 'nope' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);

    // The dashboard counts it.
    await page.click('a[href="/console"]');
    expect(await kpi('associated')).toBe(associatedBefore + 1);
    await shot('05-dashboard-after');

    // Third-party payments under review: approve one, reject the other, from the remittance page.
    for (const [ref, verdict, expected, remittanceStatus] of [[`TPA-${run}`, 'Approve', 'APPROVED', 'ASSOCIATED'], [`TPR-${run}`, 'Reject', 'REJECTED', 'FOLLOW_UP']] as const) {
      const r = await remittance(ref, (st) => st === 'UNDER_REVIEW');
      await page.goto(`${hub.baseUrl}/console/remittances/${r.id}`);
      const row = page.locator('tr[data-association]');
      await expect(row.textContent()).resolves.toContain('PROPOSED');
      if (verdict === 'Reject') await row.locator('input[name="reason"]').fill('payer unknown to the seller');
      await row.locator('button', { hasText: verdict }).click();
      await expect(page.locator('[role="status"]').textContent()).resolves.toContain(verdict === 'Approve' ? 'Approved' : 'Rejected');
      await expect(page.locator('tr[data-association]').textContent()).resolves.toContain(expected);
      expect((await db.pool.query('select status from remittance where id = $1', [r.id])).rows[0].status).toBe(remittanceStatus);
    }
    await shot('07-review-rejected');

    // Ledger balances from libs/funds, each proven from its entries.
    await page.click('a[href="/console/balances"]');
    await expect(page.locator('.badge.ok', { hasText: 'proven' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.badge.bad').count()).resolves.toBe(0);
    await shot('06-balances');

    // Same numbers over the API, and the XLSX reads back with the same totals.
    const json = await call('GET', `/reports/reconciliation?from=${today}&to=${today}&currency=EUR`, undefined, tokens.finance);
    expect(json.status).toBe(200);
    const eur = (json.body.currencies as Array<Record<string, any>>).find((c) => c.currency === 'EUR')!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(eur.byCategory.associatedManual).toMatchObject({ count: 1, amount: '612.34' });
    expect(eur.byCategory.associatedAuto.count).toBeGreaterThanOrEqual(1);
    expect(json.body.funds.available).toBe(true);
    expect(json.body.funds.ledgerProof.length).toBeGreaterThan(0);
    expect((json.body.funds.ledgerProof as Array<{ proven: boolean }>).every((l) => l.proven)).toBe(true);
    const xlsx = await fetch(`${hub.baseUrl}/api/v1/reports/reconciliation?from=${today}&to=${today}&currency=EUR&format=xlsx`, { headers: { authorization: `Bearer ${tokens.finance}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const received: unknown[] = [];
    wb.getWorksheet('Summary')!.eachRow((r) => { if (r.getCell(1).value === 'EUR' && r.getCell(2).value === 'Received') received.push(r.getCell(3).value, r.getCell(4).value); });
    expect(received).toEqual([eur.received.count, Number(eur.received.amount)]);
    const csv = await (await fetch(`${hub.baseUrl}/api/v1/reports/reconciliation?from=${today}&to=${today}&currency=EUR&format=csv`, { headers: { authorization: `Bearer ${tokens.finance}` } })).text();
    expect(csv).toContain(`,'-2+3 TRADING | UNM-${run}`);
    expect((await call('GET', `/reports/reconciliation?from=${today}&to=${today}`, undefined, tokens.seller)).status).toBe(200);
    expect((await call('GET', `/reports/reconciliation?from=${today}&to=2020-01-01`, undefined, tokens.finance)).status).toBe(400);

    // The console's own download (session cookie, no bearer), then log out: the session is gone.
    const download = await page.request.get(`${hub.baseUrl}/console/reports/reconciliation?from=${today}&to=${today}&format=xlsx`);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    expect(download.headers()['content-disposition']).toContain(`reconciliation-${today}-${today}.xlsx`);
    await page.goto(`${hub.baseUrl}/console`);
    await page.click('button:has-text("Log out")');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.goto(`${hub.baseUrl}/console/queue`);
    expect(new URL(page.url()).pathname).toBe('/console/login');

    for (const name of ['01-dashboard-before', '03-remittance-candidates']) copyFileSync(join(SHOTS, `${name}.png`), join(ROOT, 'docs', 'screenshots', `console-${name.slice(3)}.png`));
  }, 240_000);

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
