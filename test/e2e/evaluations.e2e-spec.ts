import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Pool } from 'pg';
import { buildOrderInput, dropDatabase, freshDatabase, HubProcess, SmtpCapture, waitFor } from '@ereceipt/testing';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';



/**
 * Issue #8 end to end: a completed order, the seller invites, a real SMTP server receives the
 * invitation, the test follows the link as a browser would, rates the order with the form, and
 * sees `ereceipt.supplier-score.updated.v1` on hub.supplier-scores (keyed by the seller id) with
 * the expected exact figures; then an API client evaluates a second order and the score moves again.
 */
describe('evaluations: completed order -> invitation e-mail -> signed page -> form -> supplier score event (real hub, Kafka, PostgreSQL, SMTP)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let smtp: SmtpCapture;
  const run = randomUUID().slice(0, 8).toLowerCase();
  const buyer = `ap+${run}@acme.example`;
  const tokens = { admin: '', seller: '' };
  let sellerId = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  const mailsTo = (address: string, subject: RegExp) => smtp.to(address, subject);
  const evaluationLink = (mail: ParsedMail) => new URL(/http:\/\/127\.0\.0\.1:\d+\/api\/v1\/buyer\/orders\/\S+\/evaluation\?t=\S+/.exec(mail.text ?? '')![0]);
  const scoreEvents = () => tap.on('hub.supplier-scores').filter((m) => m.key === sellerId && m.headers.ce_type === 'ereceipt.supplier-score.updated.v1');
  const evaluationEvents = (type: string) => tap.on('hub.evaluations').filter((m) => m.headers.ce_type === type && m.json<{ sellerId?: string }>().sellerId === sellerId);

  async function completedOrder(): Promise<string> {
    const drafted = await call('POST', '/orders', buildOrderInput({ buyer: { name: 'ACME <TRADING> LLC', email: buyer, country: 'US' } }));
    expect(drafted.status).toBe(201);
    const orderNo = drafted.body.orderNo as string;
    expect((await call('POST', `/orders/${orderNo}/submit`)).body.lifecycleStatus).toBe('SUBMITTED');
    // Completion is built elsewhere (fulfilment); here the order is simply brought to its final state.
    await db.pool.query(`update ereceipt_order set lifecycle_status = 'COMPLETED', payment_status = 'PAID', fulfilment_status = 'DELIVERED', completed_at = now() - interval '2 days' where order_no = $1`, [orderNo]);
    return orderNo;
  }

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    db = await freshDatabase(`evaluations_${run}`);
    tap = await new KafkaTap().start(['hub.evaluations', 'hub.supplier-scores']);
    tokens.admin = token('admin');
    await groupAtTheEnd(`evaluations-${run}`);
    hub = await HubProcess.create('evaluations', {
      DATABASE_URL: db.url,
      KAFKA_GROUP_ID: `evaluations-${run}`,
      SMTP_URL: smtp.url,
      HUB_SECRET: `evaluations-secret-${run}-0123456789abcdef`,
    });
    await hub.start();
    const applied = await call('POST', '/sellers/applications', { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'finance@example.cn' }, tokens.admin);
    sellerId = applied.body.sellerId as string;
    expect((await call('POST', `/sellers/${sellerId}/approve`, undefined, tokens.admin)).status).toBe(200);
    tokens.seller = token('seller', sellerId);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await tap?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
    await smtp?.close();
  });

  const orders = { form: '', api: '' };

  it('an order that is not completed cannot be evaluated: 409 with the reason', async () => {
    const drafted = await call('POST', '/orders', buildOrderInput());
    const refused = await call('POST', `/orders/${drafted.body.orderNo}/evaluation-invitations`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'EVALUATIONS.ORDER_NOT_COMPLETED', message: expect.stringContaining('once it is completed') } });
  });

  it('the seller invites the buyer of a completed order; a real SMTP server receives the mail with the signed link', async () => {
    orders.form = await completedOrder();
    const sent = await call('POST', `/orders/${orders.form}/evaluation-invitations`);
    expect(sent).toMatchObject({ status: 202, body: { orderNo: orders.form, seq: 1, to: buyer, window: { open: true } } });
    const again = await call('POST', `/orders/${orders.form}/evaluation-invitations`);
    expect(again).toMatchObject({ status: 429, body: { code: 'EVALUATIONS.INVITATION_RATE_LIMITED' } });
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    const [mail] = await waitFor(async () => mailsTo(buyer, /^How was order/).length > 0 && mailsTo(buyer, /^How was order/), 'the invitation at the SMTP server', 60_000);
    expect(mail.subject).toBe(`How was order ${orders.form}? NINGBO EXAMPLE CO LTD asks for your evaluation`);
    expect(mail.html).toContain('ACME &lt;TRADING&gt; LLC');
    expect(evaluationLink(mail).pathname).toBe(`/api/v1/buyer/orders/${orders.form}/evaluation`);
  });

  it('the link opens the evaluation form (HTML without JavaScript, no-store, no-referrer); a payment-reminder link does not', async () => {
    const link = evaluationLink(mailsTo(buyer, /^How was order/)[0]);
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    for (const d of ['serviceAttitude', 'deliverySpeed', 'descriptionAccuracy']) expect(html.match(new RegExp(`type="radio" name="${d}"`, 'g'))).toHaveLength(5);
    expect(await (await fetch(link, { headers: { accept: 'application/json' } })).json()).toMatchObject({ orderNo: orders.form, canEvaluate: true, evaluation: null });

    const [reminder] = mailsTo(buyer, /^Payment reminder/);
    const reminderToken = new URL(/http:\/\/127\.0\.0\.1:\d+\/api\/v1\/buyer\/orders\/\S+/.exec(reminder.text ?? '')![0]).searchParams.get('t')!;
    const wrong = await fetch(`${hub.baseUrl}/api/v1/buyer/orders/${orders.form}/evaluation?t=${reminderToken}`, { headers: { accept: 'text/html' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('This link is for something else');
  });

  it('the buyer rates with the form (post, 303, the page thanks and shows the comment escaped); hub.supplier-scores carries the new score', async () => {
    const link = evaluationLink(mailsTo(buyer, /^How was order/)[0]);
    const html = await (await fetch(link)).text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)![1];
    const t = /name="t" value="([^"]+)"/.exec(html)![1];
    const form = new URLSearchParams({ t, serviceAttitude: '5', deliverySpeed: '4', descriptionAccuracy: '4', comment: '<b>Great</b> & fast' });
    const posted = await fetch(new URL(action, hub.baseUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(posted.status).toBe(303);
    const after = await (await fetch(new URL(posted.headers.get('location')!, hub.baseUrl))).text();
    expect(after).toContain('Thank you.');
    expect(after).toContain('&lt;b&gt;Great&lt;/b&gt; &amp; fast');
    expect(after).not.toContain('<form');

    const [submitted] = await waitFor(async () => evaluationEvents('ereceipt.evaluation.submitted.v1').length > 0 && evaluationEvents('ereceipt.evaluation.submitted.v1'), 'evaluation.submitted on hub.evaluations', 60_000);
    expect(submitted.json()).toMatchObject({ orderNo: orders.form, sellerId, ratings: { serviceAttitude: 5, deliverySpeed: 4, descriptionAccuracy: 4 }, overall: '4.33', positive: true, comment: '<b>Great</b> & fast' });
    expect(submitted.key).toBe(submitted.json<{ evaluationId: string }>().evaluationId);

    const [score] = await waitFor(async () => scoreEvents().length > 0 && scoreEvents(), 'supplier-score.updated on hub.supplier-scores', 60_000);
    expect(score.headers.ce_subject).toBe(sellerId);
    expect(score.json()).toMatchObject({
      sellerId,
      version: 1,
      evaluationCount: 1,
      averages: { serviceAttitude: '5.00', deliverySpeed: '4.00', descriptionAccuracy: '4.00', overall: '4.33' },
      window: { days: 180, evaluations: 1, positive: 1 },
      positiveRate: '1.0000',
      reason: 'EVALUATION',
    });

    // A second post of the same form: 409, readable, and nothing more published.
    const twice = await fetch(new URL(action, hub.baseUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('already evaluated');
  });

  it('an API client evaluates a second order with JSON; the score moves again and the read agrees with the event', async () => {
    orders.api = await completedOrder();
    expect((await call('POST', `/orders/${orders.api}/evaluation-invitations`, undefined, tokens.admin)).status).toBe(202);
    const mail = await waitFor(async () => mailsTo(buyer, /^How was order/).find((m) => m.subject?.includes(orders.api)), 'the second invitation', 60_000);
    const link = evaluationLink(mail);
    const bad = await fetch(`${hub.baseUrl}${link.pathname}?${link.searchParams.toString()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceAttitude: 6, deliverySpeed: 3 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'EVALUATIONS.INVALID', details: { issues: [{ field: 'serviceAttitude' }, { field: 'descriptionAccuracy' }] } });
    const res = await fetch(`${hub.baseUrl}${link.pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ t: link.searchParams.get('t'), serviceAttitude: 2, deliverySpeed: 3, descriptionAccuracy: 3 }) });
    expect(res.status).toBe(201);
    const evaluation = (await res.json()) as { id: string; overall: string; comment: string | null };
    expect(evaluation).toMatchObject({ overall: '2.67', comment: null });

    await waitFor(async () => scoreEvents().length === 2, 'the second score event', 60_000);
    const latest = scoreEvents()[1].json<Record<string, unknown>>();
    expect(latest).toMatchObject({
      version: 2,
      evaluationCount: 2,
      averages: { serviceAttitude: '3.50', deliverySpeed: '3.50', descriptionAccuracy: '3.50', overall: '3.50' },
      window: { evaluations: 2, positive: 1 },
      positiveRate: '0.5000',
    });
    const read = await call('GET', `/suppliers/${sellerId}/score`);
    expect(read.status).toBe(200);
    const { reason: _reason, ...published } = latest;
    expect(read.body).toEqual(published);

    const list = await call('GET', `/suppliers/${sellerId}/evaluations?limit=1`);
    expect((list.body.items as Array<{ orderNo: string }>).map((e) => e.orderNo)).toEqual([orders.api]);
    const next = await call('GET', `/suppliers/${sellerId}/evaluations?limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ orderNo: orders.form }], nextCursor: null });

    const replied = await call('POST', `/evaluations/${evaluation.id}/reply`, { text: 'Sorry, we will do better.' });
    expect(replied).toMatchObject({ status: 200, body: { reply: { text: 'Sorry, we will do better.' } } });
    expect((await call('POST', `/evaluations/${evaluation.id}/reply`, { text: 'again' })).status).toBe(409);
    await waitFor(async () => evaluationEvents('ereceipt.evaluation.replied.v1').length > 0, 'evaluation.replied on hub.evaluations', 60_000);
    expect(evaluationEvents('ereceipt.evaluation.replied.v1')[0].key).toBe(evaluation.id);
    expect(scoreEvents()).toHaveLength(2);
  });

  it('after the window (day 31 in UTC) the page says why, a post is a readable 409 with the reason, and an invitation is refused', async () => {
    const orderNo = await completedOrder();
    expect((await call('POST', `/orders/${orderNo}/evaluation-invitations`)).status).toBe(202);
    const mail = await waitFor(async () => mailsTo(buyer, /^How was order/).find((m) => m.subject?.includes(orderNo)), 'the third invitation', 60_000);
    const link = evaluationLink(mail);
    await db.pool.query(`update ereceipt_order set completed_at = date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - interval '31 days' where order_no = $1`, [orderNo]);
    const page = await (await fetch(link, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('This order cannot be evaluated now.');
    expect(page).toContain('the evaluation window closed at the end of');
    expect(page).not.toContain('<form');
    const posted = await fetch(`${hub.baseUrl}${link.pathname}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: new URLSearchParams({ t: link.searchParams.get('t')!, serviceAttitude: '1', deliverySpeed: '1', descriptionAccuracy: '1' }).toString() });
    expect(posted.status).toBe(409);
    const html = await posted.text();
    expect(html).toContain('This order cannot be evaluated');
    expect(html).toContain('evaluations are accepted for 30 days after the order completed on');
    const refused = await call('POST', `/orders/${orderNo}/evaluation-invitations`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'EVALUATIONS.WINDOW_CLOSED', details: { closesOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } } });
    expect(scoreEvents()).toHaveLength(2);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
