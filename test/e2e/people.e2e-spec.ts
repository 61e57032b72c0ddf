import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Pool } from 'pg';
import { buildMt103, dropDatabase, freePort, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { runCli } from '../support/cli';
import { OidcProviderProcess } from '../support/oidc';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ereceipt.js');
const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const LOG = join(ROOT, 'artifacts', 'logs', `people-${Date.now()}.log`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Issue 22, "Done when": two local users (`ereceipt users create`) and one person of an OpenID
 * Connect provider (`oidc-provider`, in a process of its own, PKCE required) sign in to the real hub;
 * a manual association is proposed by one, refused to the same person, approved by the OIDC person in
 * the console (Chromium); both names are read in the audit chain (which still verifies) and on the
 * console page. A person whose roles map to no hub role is refused with the code; a machine token is
 * refused once revoked; a change of funds settings waits for a second finance person.
 */
describe('people: local users and an OpenID Connect person, four eyes, a revoked token (real hub, PostgreSQL, Chromium)', () => {
  let provider: OidcProviderProcess;
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let browser: Browser;
  const run = randomUUID().slice(0, 8).toLowerCase();
  const tokens = { admin: '', connector: '', seller: '' };
  const alice = { email: `alice.${run}@tern.example`, password: `alice-${run}-password` };
  const bob = { email: `bob.${run}@tern.example`, password: `bob-${run}-password` };
  const carol = `carol.${run}@idp.example`;
  const accounts = {
    carol: { email: carol, email_verified: true, name: 'Carol Chen', roles: ['staff', 'hub-finance'] },
    dave: { email: `dave.${run}@idp.example`, email_verified: true, name: 'Dave', roles: ['staff'] },
    erin: { email: `erin.${run}@idp.example`, email_verified: true, name: 'Erin', roles: ['hub-admin'] },
  };
  let sellerId = '';
  let va = '';

  const cli = (args: string[], input?: string) => execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, input }).toString().trim();
  const call = async (method: string, path: string, bearer: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const send = () => fetch(`${hub.baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const res = await send().catch(send);
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  };
  const signIn = async (who: { email: string; password: string }): Promise<string> => {
    const res = await fetch(`${hub.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  /** Single sign-on in a fresh browser context (no provider session yet): the console's link, the provider's form, back to the hub. */
  const signInAtProvider = async (login: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(`${hub.baseUrl}/console/login`);
    await page.click('a[data-sso]');
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await page.fill('input[name="login"]', login);
    await page.click('button[type="submit"]');
    await page.waitForLoadState('load');
    return page;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the test setup installs Debian's chromium (apt-get install -y chromium), see README "Finance console"`);
    mkdirSync(SHOTS, { recursive: true });
    db = await freshDatabase(`people_${run}`);
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/console/oidc/callback`;
    provider = await OidcProviderProcess.start({ clientId: 'ereceipt-hub', clientSecret: `secret-${run}-0123456789`, redirectUri, accounts });
    tokens.admin = cli(['tokens', 'create', '--role', 'admin']);
    tokens.connector = cli(['tokens', 'create', '--role', 'connector']);
    hub = new HubProcess(
      'people',
      port,
      {
        DATABASE_URL: db.url,
        HUB_ROLES: 'http',
        LOG_LEVEL: 'info',
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'ereceipt-hub',
        OIDC_CLIENT_SECRET: `secret-${run}-0123456789`,
        OIDC_REDIRECT_URI: redirectUri,
        OIDC_SCOPE: 'openid email profile roles',
        OIDC_ROLE_MAP: 'hub-finance=finance,hub-admin=admin',
      },
      LOG,
    );
    await hub.startLive();
    await waitFor(async () => (await hub.readiness()).status === 200, 'the hub to be ready', 60_000);
    const applied = await call('POST', '/sellers/applications', tokens.admin, { legalName: 'TERN EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@tern.example' });
    sellerId = applied.body.sellerId as string;
    const approved = await call('POST', `/sellers/${sellerId}/approve`, tokens.admin);
    va = (approved.body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    tokens.seller = cli(['tokens', 'create', '--role', 'seller', '--seller', sellerId]);
    for (const who of [alice, bob]) expect(cli(['users', 'create', '--email', who.email, '--role', 'finance', '--password-stdin'], `${who.password}\n`)).toContain(`created ${who.email}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await provider?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('two local users and an OIDC user: proposed by one, refused to the same person, approved by another; both names in the audit and the console; a revoked token is refused', async () => {
    // The two local people over the API.
    const aliceBearer = await signIn(alice);
    const bobBearer = await signIn(bob);
    expect((await call('GET', '/auth/me', bobBearer)).body).toEqual({ kind: 'user', name: bob.email, role: 'finance', sellerId: null });

    // The OIDC person signs in at the provider and lands on the console with a session like a local user's.
    const page = await signInAtProvider('carol');
    await page.waitForURL(`${hub.baseUrl}/console`);
    await expect(page.locator('header.top').textContent()).resolves.toContain(carol);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ereceipt_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    const carolBearer = cookie!.value;
    expect((await call('GET', '/auth/me', carolBearer)).body).toEqual({ kind: 'user', name: carol, role: 'finance', sellerId: null });
    expect((await db.pool.query('select email, display_name, role, password_hash, oidc_issuer, oidc_subject from hub_user where email = $1', [carol])).rows).toEqual([
      { email: carol, display_name: 'Carol Chen', role: 'finance', password_hash: null, oidc_issuer: provider.issuer, oidc_subject: 'carol' },
    ]);
    // No password of hers is in the hub: the local sign-in refuses her whatever she types.
    expect((await fetch(`${hub.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: carol, password: 'anything-at-all-123' }) })).status).toBe(401);

    // Roles that map to no hub role, and a role the console is not for: refused, with the code.
    const dave = await signInAtProvider('dave');
    await expect(dave.locator('[role="alert"]').textContent()).resolves.toContain('AUTH.OIDC_ROLE_UNMAPPED');
    expect(new URL(dave.url()).pathname).toBe('/console/oidc/callback');
    await dave.goto(`${hub.baseUrl}/console`);
    expect(new URL(dave.url()).pathname).toBe('/console/login');
    const erin = await signInAtProvider('erin');
    await expect(erin.locator('[role="alert"]').textContent()).resolves.toContain('AUTH.CONSOLE_ROLE');
    expect((await db.pool.query<{ email: string }>('select email from hub_user where oidc_subject is not null order by email')).rows.map((r) => r.email)).toEqual([carol, accounts.erin.email]);

    // A suggested wire (no reference) over HTTP; alice associates it by hand: proposed, she cannot approve it.
    const order = await call('POST', '/orders', tokens.seller, {
      buyer: { name: 'ALBATROSS IMPORTS LLC', email: 'ap@albatross.example', country: 'US' }, currency: 'USD',
      lines: [{ name: 'Net', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: '612.34' }],
      milestones: [{ kind: 'DEPOSIT', amount: '612.34', dueDate: '2027-01-01', preShipment: true }],
      incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
    });
    expect(order.status).toBe(201);
    const orderNo = order.body.orderNo as string;
    expect((await call('POST', `/orders/${orderNo}/submit`, tokens.seller)).status).toBe(200);
    const ref = `PPL-${run}`.toUpperCase();
    const upload = await fetch(`${hub.baseUrl}/api/v1/bank-files?format=mt103`, { method: 'POST', headers: { authorization: `Bearer ${tokens.connector}`, 'content-type': 'text/plain' }, body: buildMt103({ ref, currency: 'USD', amount: '612,34', payerName: 'ALBATROSS IMPORTS LLC', beneficiaryAccount: va, remittanceInfo: ['GOODS'] }) });
    expect(upload.status).toBeLessThan(300);
    const remittance = await waitFor(async () => (await db.pool.query<{ id: string; status: string }>('select id, status from remittance where message_ref = $1', [ref])).rows[0], `remittance ${ref}`, 30_000);
    const proposed = await call('POST', `/remittances/${remittance.id}/associations`, aliceBearer, { allocations: [{ orderNo, amount: '612.34' }] });
    expect(proposed).toMatchObject({ status: 201, body: { status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' } });
    const associationId = proposed.body.associationId as string;
    expect(await call('POST', `/associations/${associationId}/approve`, aliceBearer, {})).toMatchObject({ status: 403, body: { code: 'FOUR_EYES.SAME_PERSON' } });

    // The console lists what waits for a second pair of eyes.
    await page.goto(`${hub.baseUrl}/console/approvals`);
    const waiting = page.locator('tr[data-approval="ASSOCIATION"]', { hasText: ref });
    await expect(waiting.locator('[data-requested-by]').textContent()).resolves.toBe(alice.email);
    await expect(waiting.locator('[data-waits-for]').textContent()).resolves.toBe('a second finance person');

    // Carol (OIDC) approves it in the console; the page names both.
    await page.goto(`${hub.baseUrl}/console/remittances/${remittance.id}`);
    await page.locator('tr[data-association]').locator('button', { hasText: 'Approve' }).click();
    await expect(page.locator('[role="status"]').textContent()).resolves.toContain(`Approved (four eyes: with ${alice.email})`);
    await expect(page.locator('tr[data-association] [data-actor]').textContent()).resolves.toBe(`${alice.email} (finance)`);
    // People are shown by name when they have one (the OIDC provider's `name` claim), with their e-mail and role.
    await expect(page.locator('tr[data-association] [data-decided-by]').textContent()).resolves.toBe(`Carol Chen (${carol}, finance)`);
    await page.screenshot({ path: join(SHOTS, 'people-oidc-four-eyes.png'), fullPage: true });
    expect((await db.pool.query('select status from remittance where id = $1', [remittance.id])).rows[0]).toEqual({ status: 'ASSOCIATED' });
    const trail = (await db.pool.query<{ action: string; actor: string; payload: Json }>('select action, actor, payload from association_audit where remittance_id = $1 order by seq', [remittance.id])).rows;
    expect(trail.map((t) => [t.action, t.actor])).toEqual([['MANUAL_ASSOCIATE', `finance:${alice.email}`], ['APPROVE', `finance:${carol}`]]);
    expect(trail[1].payload).toMatchObject({ stage: 'SECOND', firstApprovedBy: `finance:${alice.email}` });
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(1);

    // Four eyes on funds settings: bob asks, cannot apply it himself; carol applies it from the console's approvals.
    const path = `/sellers/${sellerId}/funds-settings`;
    expect(await call('PUT', path, bobBearer, { autoWithdrawal: true })).toMatchObject({ status: 200, body: { autoWithdrawal: false, pendingChange: { autoWithdrawal: true, requestedBy: `finance:${bob.email}` } } });
    expect(await call('PUT', path, bobBearer, { autoWithdrawal: true })).toMatchObject({ status: 403, body: { code: 'FOUR_EYES.SAME_PERSON' } });
    await page.goto(`${hub.baseUrl}/console/approvals`);
    const change = page.locator('tr[data-approval="FUNDS_SETTINGS"]');
    await expect(change.textContent()).resolves.toContain('TERN EXPORT CO LTD: automatic withdrawal on');
    await expect(change.locator('[data-requested-by]').textContent()).resolves.toBe(bob.email);
    await page.screenshot({ path: join(SHOTS, 'people-approvals.png'), fullPage: true });
    copyFileSync(join(SHOTS, 'people-approvals.png'), join(ROOT, 'docs', 'screenshots', 'console-approvals.png'));
    await change.locator('button', { hasText: 'Approve' }).click();
    await expect(page.locator('[role="status"]').textContent()).resolves.toContain(`automatic withdrawal on (finance:${carol} (four eyes with finance:${bob.email}))`);
    await expect(page.locator('tr[data-approval="FUNDS_SETTINGS"]').count()).resolves.toBe(0);
    expect(await call('GET', path, carolBearer)).toMatchObject({ status: 200, body: { autoWithdrawal: true, updatedBy: `finance:${carol} (four eyes with finance:${bob.email})`, pendingChange: null } });

    // A machine token works until it is revoked, then is refused.
    const erp = cli(['tokens', 'create', '--role', 'finance', '--name', `erp-${run}`, '--owner', bob.email]);
    expect((await call('GET', '/balances', erp)).status).toBe(200);
    const listed = runCli(db.url, ['tokens', 'list', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; name: string });
    expect(runCli(db.url, ['tokens', 'revoke', listed.find((t) => t.name === `erp-${run}`)!.id]).status).toBe(0);
    expect(await call('GET', '/balances', erp)).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_TOKEN' } });

    // Carol logs out of the console: her session is over for the API too.
    await page.goto(`${hub.baseUrl}/console`);
    await page.click('button:has-text("Log out")');
    expect((await call('GET', '/auth/me', carolBearer)).status).toBe(401);
    // Signing in again finds the same person (issuer + subject), not a new one.
    const again = await signInAtProvider('carol');
    await again.waitForURL(`${hub.baseUrl}/console`);
    expect((await db.pool.query('select count(*)::int as n from hub_user where email = $1', [carol])).rows[0]).toEqual({ n: 1 });
  }, 240_000);
});
