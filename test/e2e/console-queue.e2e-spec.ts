import { execFileSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Pool } from 'pg';
import { addAmounts, dec } from '@ereceipt/money';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { groupAtTheEnd, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ereceipt.js');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const QUEUE_ROWS = 5000;

/**
 * Issue 22 §5: a console that adds up and scales to a real queue, in real Chromium on the real hub,
 * Kafka and PostgreSQL. Today's wires arrive as MT103s over Kafka and are matched by the hub; 5,000
 * older ones are written into the hub's database in one SQL statement (the hub then serves them as
 * any other). Two finance people (named) work the queue: the dashboard's tiles add up to what was
 * received on the seeded day (checked against what this test sent, not against the report); the
 * queue pages through all 5,000 by cursor (in the browser and over the API, against one ORDER BY);
 * search; the order finder; bulk return and bulk association with four eyes, a result per row.
 * Screenshots at 1366 px and on a phone (390 x 844) go to docs/screenshots/console-*.png.
 */
describe('finance console: tiles that add up, a queue of 5,000, search, order finder, bulk actions (Chromium)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let kafka: Producer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `HARBOURLIGHT ${run.replace(/[0-9]/g, 'Q')} TRADING BV`;
  const tokens = { admin: '', finance: '', seller: '' };
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const yymmdd = today.slice(2).replace(/-/g, '');
  const people = {
    alice: { email: `alice.${run.toLowerCase()}@harbour.example`, password: `alice-${run}-pass`, name: 'Alice Martin' },
    bob: { email: `bob.${run.toLowerCase()}@harbour.example`, password: `bob-${run}-password`, name: 'Bob Okafor' },
  };
  let sellerId = '';
  let va = '';
  const cli = (args: string[], input?: string) => execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: db.url }, input }).toString().trim();
  const call = async (method: string, path: string, body?: unknown, bearer = tokens.seller) => {
    const send = () => fetch(`${hub.baseUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const res = await send().catch(send);
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const submitOrder = async (deposit: string, balance: string): Promise<string> => {
    const drafted = await call('POST', '/orders', {
      buyer: { name: buyer, email: 'ap@harbour.example', country: 'NL' }, currency: 'EUR',
      lines: [{ name: 'Lamp', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: addAmounts('EUR', deposit, balance) }],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: '2027-01-01', preShipment: true }, { kind: 'BALANCE', amount: balance, dueDate: '2027-02-01', preShipment: false }],
      incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
    });
    expect(drafted.status).toBe(201);
    expect((await call('POST', `/orders/${drafted.body.orderNo}/submit`)).status).toBe(200);
    return drafted.body.orderNo as string;
  };
  const send = (ref: string, amount: string, info: string[], payerName = buyer, account = va, payerAccount?: string, uetr?: string) =>
    buildMt103({ ref, currency: 'EUR', valueDate: yymmdd, amount, payerName, payerAccount, beneficiaryAccount: account, remittanceInfo: info, uetr });
  const push = async (...messages: string[]) => kafka.send({ topic: 'bank.remittance.mt103', messages: messages.map((value) => ({ key: run, value })) });
  const settled = async (ref: string) =>
    waitFor(async () => (await db.pool.query<{ id: string; status: string }>(`select r.id, r.status from remittance r left join match_decision d on d.remittance_id = r.id where r.message_ref = $1 and r.duplicate_of is null and (d.remittance_id is not null or r.seller_id is null)`, [ref])).rows[0], `remittance ${ref} matched`, 90_000);
  const login = async (who: { email: string; password: string }) => {
    await page.goto(`${hub.baseUrl}/console/login`);
    await page.fill('input[name="email"]', who.email);
    await page.fill('input[name="password"]', who.password);
    await page.click('button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/console');
  };
  const logout = async () => {
    await page.click('button:has-text("Log out")');
    expect(new URL(page.url()).pathname).toBe('/console/login');
  };
  const shot = async (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage });
  /** The page is no wider than the window: wide tables scroll inside their card. */
  const fitsWidth = async (p: Page) => p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');
  /** The browser's DOM read as a string expression (this project's type-check has no DOM library). */
  const read = async <T>(p: Page, expression: string) => p.evaluate<T>(expression);
  const rowIds = async () => read<string[]>(page, `[...document.querySelectorAll('tr[data-remittance]')].map((r) => r.getAttribute('data-remittance'))`);
  const bulk = async (action: string, refs: string[], orderNo?: string) => {
    for (const ref of refs) await page.locator('tr[data-remittance]', { hasText: ref }).locator('input[type="checkbox"]').check();
    if (orderNo) await page.fill('fieldset.bulk input[name="orderNo"]', orderNo);
    await page.click(`fieldset.bulk button[value="${action}"]`);
    return read<Array<{ ref: string; outcome: string; text: string }>>(page, `[...document.querySelectorAll('tr[data-bulk-row]')].map((r) => ({ ref: r.querySelector('a').textContent, outcome: r.getAttribute('data-outcome'), text: r.textContent }))`);
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the test setup installs Debian's chromium (apt-get install -y chromium), see README "Finance console"`);
    mkdirSync(SHOTS, { recursive: true });
    db = await freshDatabase(`console_queue_${run.toLowerCase()}`);
    kafka = await producer();
    tokens.admin = cli(['tokens', 'create', '--role', 'admin']);
    tokens.finance = cli(['tokens', 'create', '--role', 'finance', '--name', 'queue-e2e']);
    const groupId = `e2e-console-queue-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('console-queue', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_CONSUME_TOPICS: 'bank.remittance.mt103' });
    await hub.start();
    // Other suites' wires on the shared topic reach this hub too; their first sellers' virtual accounts
    // are the low numbers of a fresh database's sequence. This seller's account must not be one of them.
    await db.pool.query(`select setval('collection_account_seq', $1)`, [50_000_000 + randomInt(40_000_000)]);
    const applied = await call('POST', '/sellers/applications', { legalName: 'HARBOURLIGHT LAMPS EXPORT CO', customsCode: '3302961234', tradeMode: '0110', currencies: ['EUR'], contactEmail: 'f@harbour.example' }, tokens.admin);
    const approved = await call('POST', `/sellers/${applied.body.sellerId}/approve`, undefined, tokens.admin);
    sellerId = applied.body.sellerId as string;
    va = (approved.body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    tokens.seller = cli(['tokens', 'create', '--role', 'seller', '--seller', sellerId]);
    for (const p of [people.alice, people.bob]) expect(cli(['users', 'create', '--email', p.email, '--role', 'finance', '--name', p.name, '--password-stdin'], `${p.password}\n`)).toContain(`created ${p.email}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    laptop = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await laptop.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('today: the tiles add up to what was received, after bulk return, bulk association and the order finder, each four-eyed', async () => {
    const quoted = await submitOrder('700.01', '300.00');
    const twins = [await submitOrder('612.34', '87.66'), await submitOrder('612.34', '1387.66')];
    const thirdParty = await submitOrder('801.01', '198.99');
    const bulkOrder = await submitOrder('300.00', '300.00');
    const found = await submitOrder('500.00', '520.50');
    const uetr = randomUUID();
    await push(
      send(`AUT-${run}`, '700,01', ['ORDER', quoted], buyer, va, undefined, uetr),
      send(`AUTC-${run}`, '700,01', ['ORDER', quoted], buyer, va, undefined, uetr), // the same wire (UETR, money) notified again: a duplicate, not received again
      send(`SUG-${run}`, '612,34', ['GOODS']),
      send(`UNM-${run}`, '13,57', ['GOODS'], 'NOBODY KNOWN LTD', 'VA88999999999'),
      send(`TP-${run}`, '801,01', ['ORDER', thirdParty], 'SOMEONE ELSE TRADING SA', va, 'CH9300762011623852957'),
      ...[1, 2, 3].map((i) => send(`RET${i}-${run}`, `9${i},57`, ['GOODS'])),
      send(`BLK1-${run}`, '250,00', ['GOODS']),
      send(`BLK2-${run}`, '350,00', ['GOODS']),
      send(`FND-${run}`, '450,00', ['GOODS']),
    );
    for (const ref of ['AUT', 'SUG', 'UNM', 'TP', 'RET1', 'RET2', 'RET3', 'BLK1', 'BLK2', 'FND']) await settled(`${ref}-${run}`);
    await waitFor(async () => (await db.pool.query(`select 1 from remittance where message_ref = $1 and duplicate_of is not null`, [`AUTC-${run}`])).rowCount === 1, 'the copy stored as a duplicate', 30_000);

    // Alice asks for three returns in one action; the third-party wire under review in the same selection is refused, on its own row.
    await login(people.alice);
    await expect(page.locator('header.top').textContent()).resolves.toContain(`${people.alice.name} (${people.alice.email})`);
    await page.goto(`${hub.baseUrl}/console/queue?reference=-${run}&size=100`);
    const alice1 = await bulk('return', [`RET1-${run}`, `RET2-${run}`, `RET3-${run}`, `TP-${run}`]);
    expect(alice1.map((r) => [r.ref, r.outcome]).sort()).toEqual([[`RET1-${run}`, 'RETURN_AWAITING_SECOND_APPROVAL'], [`RET2-${run}`, 'RETURN_AWAITING_SECOND_APPROVAL'], [`RET3-${run}`, 'RETURN_AWAITING_SECOND_APPROVAL'], [`TP-${run}`, 'REFUSED']]);
    expect(alice1.find((r) => r.ref === `TP-${run}`)!.text).toContain('FUNDS.NOT_RETURNABLE');
    await expect(page.locator('[data-bulk-results] h2').textContent()).resolves.toBe('3 of 4 done');
    // The two BLK wires onto one order: proposed, each waiting for a second person; she cannot approve her own.
    await page.goto(`${hub.baseUrl}/console/queue?reference=BLK&payer=${encodeURIComponent(buyer.slice(0, 12))}`);
    expect(await bulk('associate', [`BLK1-${run}`, `BLK2-${run}`], bulkOrder)).toEqual([expect.objectContaining({ outcome: 'PROPOSED' }), expect.objectContaining({ outcome: 'PROPOSED' })]);
    const own = await bulk('approve', [`BLK1-${run}`, `BLK2-${run}`]);
    expect(own.map((r) => r.outcome)).toEqual(['REFUSED', 'REFUSED']);
    expect(own[0].text).toContain('FOUR_EYES.SAME_PERSON');
    await shot(page, 'queue-bulk-results-1366');

    // The order finder on the FND wire: the seller's open orders by buyer, then by what is still owed, then by number; each with what it owes.
    const fnd = await settled(`FND-${run}`);
    await page.goto(`${hub.baseUrl}/console/remittances/${fnd.id}`);
    await page.fill('form[aria-label="find orders"] input[name="buyer"]', buyer.split(' ')[1].toLowerCase());
    await page.click('form[aria-label="find orders"] button[type="submit"]');
    // The oracle: the orders API says which of this buyer's orders are still open (BLK's proposals may have covered one).
    const open: string[] = [];
    for (const no of [quoted, ...twins, thirdParty, bulkOrder, found]) if ((await call('GET', `/orders/${no}`)).body.paymentStatus !== 'PAID') open.push(no);
    expect(open.length).toBeGreaterThanOrEqual(4);
    expect((await read<string[]>(page, `[...document.querySelectorAll('tr[data-found-order]')].map((r) => r.getAttribute('data-found-order'))`)).sort()).toEqual(open.sort());
    await expect(page.locator(`tr[data-found-order="${found}"] [data-owed]`).getAttribute('data-owed')).resolves.toBe(addAmounts('EUR', '500.00', '520.50'));
    await page.fill('form[aria-label="find orders"] input[name="buyer"]', '');
    await page.fill('form[aria-label="find orders"] input[name="owed"]', '1010..1100');
    await page.click('form[aria-label="find orders"] button[type="submit"]');
    expect(await read<string[]>(page, `[...document.querySelectorAll('tr[data-found-order]')].map((r) => r.getAttribute('data-found-order'))`)).toEqual([found]);
    await page.fill('form[aria-label="find orders"] input[name="owed"]', '');
    await page.fill('form[aria-label="find orders"] input[name="reference"]', found.slice(-6));
    await page.click('form[aria-label="find orders"] button[type="submit"]');
    const row = page.locator(`tr[data-found-order="${found}"]`);
    await expect(row.locator('input[name="amount"]').inputValue()).resolves.toBe('450.00');
    await shot(page, 'order-finder-1366');
    await row.locator('button', { hasText: 'Associate' }).click();
    await expect(page.locator('[role="status"]').textContent()).resolves.toContain(`Proposed: ${found} 450.00`);
    await expect(page.locator('tr[data-association] [data-actor]').textContent()).resolves.toBe(`${people.alice.name} (${people.alice.email}, finance)`);
    await logout();

    // Bob, the second pair of eyes: the same bulk actions carry the returns out and approve the proposals.
    await login(people.bob);
    await page.goto(`${hub.baseUrl}/console/queue?reference=RET&payer=${encodeURIComponent(buyer.slice(0, 12))}`);
    await expect(page.locator('tr[data-remittance] [data-waits-for]').allTextContents()).resolves.toEqual(Array(3).fill(`a second finance person (return asked by ${people.alice.email})`));
    expect((await bulk('return', [`RET1-${run}`, `RET2-${run}`, `RET3-${run}`])).map((r) => r.outcome)).toEqual(Array(3).fill('RETURN_REQUESTED'));
    await page.goto(`${hub.baseUrl}/console/queue?category=underReview&reference=BLK`);
    expect((await bulk('approve', [`BLK1-${run}`, `BLK2-${run}`])).map((r) => r.outcome)).toEqual(['ASSOCIATED', 'ASSOCIATED']);
    const approvals = (await db.pool.query<{ actor: string; action: string }>(`select a.actor, a.action from association_audit a join remittance r on r.id = a.remittance_id where r.message_ref like 'BLK%' || $1 order by a.seq`, [run])).rows;
    expect(approvals.map((a) => `${a.action} ${a.actor}`).sort()).toEqual([...Array(2).fill(`APPROVE finance:${people.bob.email}`), ...Array(2).fill(`MANUAL_ASSOCIATE finance:${people.alice.email}`)]);
    const returns = (await db.pool.query<{ requested_by: string; approved_by: string }>(`select requested_by, approved_by from remittance_return`)).rows;
    expect(returns).toEqual(Array(3).fill({ requested_by: `finance:${people.alice.email}`, approved_by: `finance:${people.bob.email}` }));

    // The seeded day: received = associated + under review + suggested + unmatched + returned (+ the rest, zero here), from what this test sent.
    // The whole hub's day holds whatever else the shared broker carried (other suites' wires to unknown accounts): its sum holds too.
    await page.goto(`${hub.baseUrl}/console?from=${today}&to=${today}`);
    await expect(page.locator('[data-sum-holds]').getAttribute('data-sum-holds')).resolves.toBe('true');
    await expect(page.locator('[data-kpi="unmatched"]').textContent()).resolves.not.toBe('0'); // UNM, to no seller's account
    await expect(page.locator('[data-sum-holds]').textContent()).resolves.toMatch(/Beside them: [1-9]\d* duplicate cop/); // AUTC, a copy: beside the sum, not in it
    // This seller's day: exactly what this test sent to it (UNM reached no seller).
    const expected = { received: 9, associated: 3, underReview: 2, suggested: 1, unmatched: 0, followUp: 0, returned: 3, identityConflict: 0, inconsistent: 0 };
    await page.selectOption('select[name="seller"]', sellerId);
    await page.click('form.filters button[type="submit"]');
    expect(new URL(page.url()).searchParams.get('seller')).toBe(sellerId);
    const tiles = Object.fromEntries(await read<Array<[string, number]>>(page, `[...document.querySelectorAll('[data-tile]')].map((e) => [e.getAttribute('data-tile'), Number(e.querySelector('[data-kpi]').textContent)])`));
    expect(tiles).toEqual(expected);
    expect(Object.entries(tiles).filter(([k]) => k !== 'received').reduce((n, [, v]) => n + (v), 0)).toBe(tiles.received);
    await expect(page.locator('[data-sum-holds]').getAttribute('data-sum-holds')).resolves.toBe('true');
    await expect(page.locator('h1').textContent()).resolves.toContain('HARBOURLIGHT LAMPS EXPORT CO');
    expect(await fitsWidth(page)).toBe(true);
    // The per-currency table: either it fits its card, or the card's scroller scrolls to its right edge.
    expect(await page.evaluate<boolean>(`(() => {
      const e = document.querySelector('[data-scroll="currencies"]');
      const table = e.querySelector('table').getBoundingClientRect();
      return e.scrollWidth <= e.clientWidth ? table.right <= e.getBoundingClientRect().right + 1 : getComputedStyle(e).overflowX === 'auto' && e.scrollWidth >= table.width;
    })()`)).toBe(true);
    await shot(page, 'dashboard-1366');
    // Each tile opens its queue, filtered: the same count.
    await page.click('[data-tile="returned"]');
    expect(new URL(page.url()).searchParams.get('category')).toBe('returned');
    await expect(page.locator('[data-queue-total]').getAttribute('data-queue-total')).resolves.toBe('3');
    await page.goto(`${hub.baseUrl}/console?from=${today}&to=${today}&seller=${sellerId}`);
    await page.click('[data-tile="underReview"]');
    await expect(page.locator('[data-queue-total]').getAttribute('data-queue-total')).resolves.toBe('2');
    await expect(page.locator('tr[data-remittance]', { hasText: `TP-${run}` }).locator('[data-reason]').textContent()).resolves.toMatch(/^[^A-Z]+ MATCHING\.[A-Z_]+$/); // words, then the code

    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(1);
  }, 420_000);

  it('a queue of 5,000: every row once by cursor in the browser (by age) and over the API (by amount), search by amount, a phone', async () => {
    // 5,000 waiting wires of the last 2-40 days in one statement; the hub serves them like any other (its aggregates job picks them up).
    await db.pool.query(`
      insert into remittance (id, source, message_ref, uetr, end_to_end_id, sender_bic, value_date, currency, amount, instructed_amount, charge_bearer, charges_deducted,
        payer_name, payer_account, payer_address, payer_bic, beneficiary_name, beneficiary_account, remittance_info, "references", related_reference, possible_duplicate,
        fingerprint, duplicate_of, seller_id, status, received_at, inbound_message_id, channel, file_name, source_index, source_line, raw)
      select gen_random_uuid(), 'mt103', 'Q${run}-' || i, null, null, 'BANKNL2AXXX', current_date - 2 - i % 39, case when i % 4 = 0 then 'USD' else 'EUR' end,
        round(((i * 7919) % 500000 + 100)::numeric / 100, 2), null, 'SHA', '[]', 'PAYER ' || (i % 113), 'NL' || (10000000 + i), '[]', null, 'HARBOURLIGHT', $1, 'GOODS', '[]', null, false,
        md5('${run}-' || i), null, $2::uuid, 'PENDING_ASSOCIATION', now() - (2 + i % 39) * interval '1 day' - (i % 997) * interval '1 minute', 900000 + i, 'kafka', null, 0, 1, 'raw'
      from generate_series(1, ${QUEUE_ROWS}) i`, [va, sellerId]);
    await db.pool.query(`
      insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at)
      select id, case when source_index = 0 and amount > 2500 then 'SUGGEST' else 'NONE' end, case when amount > 2500 then 'MATCHING.AMBIGUOUS_AMOUNT' else 'MATCHING.NO_CANDIDATE' end, 'matching-rules/1', '{"candidates":[],"alternatives":[]}', now()
      from remittance where message_ref like $1`, [`Q${run}-%`]);
    const period = `from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}&to=${yesterday}`;

    // The browser: 200 a page, "Next page" until the last; the rows are the queue's in one ORDER BY, each once.
    await page.goto(`${hub.baseUrl}/console/queue?${period}&size=200`);
    await expect(page.locator('[data-queue-total]').getAttribute('data-queue-total')).resolves.toBe(String(QUEUE_ROWS));
    const seen: string[] = [];
    for (let n = 1; ; n++) {
      await expect(page.locator('[data-page]').getAttribute('data-page')).resolves.toBe(String(n));
      seen.push(...(await rowIds()));
      if ((await page.locator('a[data-next-page]').count()) === 0) break;
      await page.click('a[data-next-page]');
    }
    const byAge = (await db.pool.query<{ id: string }>(`select id from remittance where message_ref like $1 order by received_at, id`, [`Q${run}-%`])).rows.map((r) => r.id);
    expect(seen.length).toBe(QUEUE_ROWS);
    expect(seen).toEqual(byAge);
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(`${hub.baseUrl}/console/queue?${period}&sort=amount&order=desc`);
    await page.click('a[data-next-page]');
    await shot(page, 'queue-1366', false);

    // The API: 500 a page by amount, largest first, the cursor given back each time.
    const api: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/exceptions?${period}&sort=amount&order=desc&limit=500${cursor ? `&cursor=${cursor}` : ''}`, undefined, tokens.finance);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(QUEUE_ROWS);
      api.push(...(res.body.rows as Array<{ remittanceId: string }>).map((r) => r.remittanceId));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(api).toEqual((await db.pool.query<{ id: string }>(`select id from remittance where message_ref like $1 order by amount desc, id desc`, [`Q${run}-%`])).rows.map((r) => r.id));
    expect((await call('GET', `/exceptions?cursor=${Buffer.from('["amount","asc",["1"],"x"]').toString('base64url')}`, undefined, tokens.finance)).status).toBe(400);

    // Search by amount, exact and a range, against the database's own numeric compare.
    const inRange = async (lo: string, hi: string) => (await db.pool.query(`select 1 from remittance where message_ref like $1 and amount between $2::numeric and $3::numeric`, [`Q${run}-%`, lo, hi])).rowCount;
    const exact = (await db.pool.query<{ amount: string }>(`select amount::text as amount from remittance where message_ref = $1`, [`Q${run}-77`])).rows[0].amount;
    await page.goto(`${hub.baseUrl}/console/queue?${period}`);
    await page.fill('form[aria-label="filters"] input[name="amount"]', exact);
    await page.click('form[aria-label="filters"] button[type="submit"]');
    await expect(page.locator('[data-queue-total]').getAttribute('data-queue-total')).resolves.toBe(String(await inRange(exact, exact)));
    await expect(page.locator('tr[data-remittance]', { hasText: `Q${run}-77` }).count()).resolves.toBe(1);
    await page.fill('form[aria-label="filters"] input[name="amount"]', '100.00..250.5');
    await page.click('form[aria-label="filters"] button[type="submit"]');
    await expect(page.locator('[data-queue-total]').getAttribute('data-queue-total')).resolves.toBe(String(await inRange('100.00', '250.5')));
    expect((await page.locator('td[data-amount]').allTextContents()).every((a) => dec(a).gte('100') && dec(a).lte('250.5'))).toBe(true);

    // A phone: the same pages, no sideways scrolling of the page; tables scroll in their card.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await laptop.storageState() });
    const small = await phone.newPage();
    await small.goto(`${hub.baseUrl}/console?from=${today}&to=${today}&seller=${sellerId}`);
    expect(await fitsWidth(small)).toBe(true);
    await shot(small, 'dashboard-phone');
    await small.goto(`${hub.baseUrl}/console/queue?${period}&sort=amount&order=desc`);
    expect(await fitsWidth(small)).toBe(true);
    await shot(small, 'queue-phone', false);
    await phone.close();
  }, 420_000);

  it('the ledger and the audit chains verify at the end', () => {
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(1);
  });
});
