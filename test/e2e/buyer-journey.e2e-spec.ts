import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { ParsedMail } from 'mailparser';
import type { Pool } from 'pg';
import { buildOrderInput, dropDatabase, freshDatabase, HubProcess, SmtpCapture, waitFor } from '@ereceipt/testing';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';



/** The ERP's XML form of an order (docs/contract.md: the same names as elements under <erpOrder>). */
function erpXml(m: { sellerId: string; externalOrderId: string; version: number; buyerEmail: string }): string {
  const o = buildOrderInput();
  const line = o.lines[0];
  return `<?xml version="1.0" encoding="UTF-8"?>
<erpOrder>
  <sellerId>${m.sellerId}</sellerId><externalOrderId>${m.externalOrderId}</externalOrderId><version>${m.version}</version><action>UPSERT</action><submit>false</submit>
  <order>
    <buyer><name>GLOBEX IMPORTS BV</name><email>${m.buyerEmail}</email><country>NL</country></buyer>
    <currency>USD</currency>
    <lines><line><name>${line.name}</name><sku>${line.sku}</sku><hsCode>${line.hsCode}</hsCode><quantity>${line.quantity}</quantity><unit>${line.unit}</unit><unitPrice>${line.unitPrice}</unitPrice></line></lines>
    <milestones>${o.milestones.map((ms) => `<milestone><kind>${ms.kind}</kind><amount>${ms.amount}</amount><dueDate>${ms.dueDate}</dueDate><preShipment>${ms.preShipment}</preShipment></milestone>`).join('')}</milestones>
    <incoterm>${o.incoterm}</incoterm><expectedShipDate>${o.expectedShipDate}</expectedShipDate><exportMethod>${o.exportMethod}</exportMethod>
  </order>
</erpOrder>`;
}

/**
 * Issue #4 end to end: ERP orders in JSON and XML over Kafka, the seller submits, a real SMTP server
 * receives the payment reminders, the test follows the link from the received mail as a browser
 * would, confirms, and sees `ereceipt.order.payment-info-confirmed.v1` on hub.orders.
 */
describe('buyer journey: ERP order -> reminder e-mail -> signed page -> confirmation (real hub, Kafka, PostgreSQL, SMTP)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  let smtp: SmtpCapture;
  const run = randomUUID().slice(0, 8).toLowerCase();
  const jsonBuyer = `ap+${run}@acme.example`;
  const xmlBuyer = `payables+${run}@globex.example`;
  const tokens = { admin: '', seller: '' };
  let sellerId = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  const mailsTo = (address: string) => smtp.to(address);
  const linkIn = (mail: ParsedMail) => new URL(/http:\/\/127\.0\.0\.1:\d+\/api\/v1\/buyer\/orders\/\S+/.exec(mail.text ?? '')![0]);
  const eventsOf = (orderNo: string, type: string) => tap.on('hub.orders').filter((m) => m.key === orderNo && m.headers.ce_type === type && m.json<{ sellerId?: string }>().sellerId === sellerId);

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    db = await freshDatabase(`buyer_journey_${run}`);
    tap = await new KafkaTap().start(['hub.orders']);
    kafka = await producer();
    tokens.admin = token('admin');
    await groupAtTheEnd(`buyer-journey-${run}`);
    hub = await HubProcess.create('buyer-journey', {
      DATABASE_URL: db.url,
      KAFKA_GROUP_ID: `buyer-journey-${run}`,
      SMTP_URL: smtp.url,
      HUB_SECRET: `buyer-journey-secret-${run}-0123456789abcdef`,
      REMINDER_MIN_INTERVAL_SECONDS: '0',
      REMINDER_MAX_PER_DAY: '2',
      // This suite needs the ERP feed only; the bank topics' backlog from other suites is not its business.
      KAFKA_CONSUME_TOPICS: 'erp.orders',
    });
    await hub.start();
    const applied = await call('POST', '/sellers/applications', { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'finance@example.cn' }, tokens.admin);
    sellerId = applied.body.sellerId as string;
    expect((await call('POST', `/sellers/${sellerId}/approve`, undefined, tokens.admin)).status).toBe(200);
    tokens.seller = token('seller', sellerId);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await kafka?.disconnect();
    await tap?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
    await smtp?.close();
  });

  const orders: Record<'json' | 'xml', string> = { json: '', xml: '' };

  it('one ERP order arrives in JSON and one in XML over erp.orders; both become drafts of this seller', async () => {
    const json = { sellerId, externalOrderId: `SO-${run}-J`, version: 1, action: 'UPSERT', submit: false, order: { ...buildOrderInput(), buyer: { name: 'ACME TRADING LLC', email: jsonBuyer, country: 'US' } } };
    await kafka.send({
      topic: 'erp.orders',
      messages: [
        { key: `${sellerId}:SO-${run}-J`, value: JSON.stringify(json) },
        { key: `${sellerId}:SO-${run}-X`, value: erpXml({ sellerId, externalOrderId: `SO-${run}-X`, version: 1, buyerEmail: xmlBuyer }), headers: { 'content-type': 'application/xml' } },
      ],
    });
    for (const [kind, ext] of [['json', 'J'], ['xml', 'X']] as const) {
      const found = await waitFor(async () => {
        const page = await call('GET', `/orders?externalOrderId=SO-${run}-${ext}`);
        const items: Array<{ orderNo: string }> | undefined = page.body.items;
        return items?.[0];
      }, `the ${kind} ERP order to arrive`, 90_000);
      expect(found).toMatchObject({ sellerId, lifecycleStatus: 'DRAFT', totals: { total: '6200.00' } });
      orders[kind] = found.orderNo;
    }
  });

  it('the seller submits both; each buyer receives a payment reminder by SMTP with the account, the reference and the link', async () => {
    for (const orderNo of Object.values(orders)) expect((await call('POST', `/orders/${orderNo}/submit`)).body.lifecycleStatus).toBe('SUBMITTED');
    await waitFor(async () => mailsTo(jsonBuyer).length === 1 && mailsTo(xmlBuyer).length === 1, 'both payment reminders at the SMTP server', 60_000);
    const [mail] = mailsTo(jsonBuyer);
    const account = (await call('GET', `/sellers/${sellerId}`)).body.collectionAccounts[0].accountNumber as string;
    expect(mail.subject).toBe(`Payment reminder: order ${orders.json} from NINGBO EXAMPLE CO LTD`);
    expect(mail.text).toContain(`Account: ${account}`);
    expect(mail.text).toContain(`Reference to quote: ${orders.json}`);
    expect(mail.html).toContain(`href="${linkIn(mail).href.replace(/&/g, '&amp;')}"`);
    expect(mail.messageId).toMatch(/@/);
  });

  it('the link opens the order page as HTML without JavaScript, and as JSON when asked', async () => {
    const link = linkIn(mailsTo(jsonBuyer)[0]);
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(`Order ${orders.json}`);
    expect(html).toContain('I confirm the payment information');
    expect(html).not.toMatch(/<script/i);
    const json = await (await fetch(link, { headers: { accept: 'application/json' } })).json();
    expect(json).toMatchObject({ orderNo: orders.json, lifecycleStatus: 'SUBMITTED', canConfirm: true, outstandingAmount: '6200.00', payTo: { reference: orders.json } });
  });

  it('a tampered, expired-looking or other-order link gets a clear 401/403, as a page for browsers and JSON for clients', async () => {
    const link = linkIn(mailsTo(jsonBuyer)[0]);
    const t = link.searchParams.get('t')!;
    const tampered = new URL(link);
    tampered.searchParams.set('t', `${t.slice(0, -2)}${t.endsWith('AA') ? 'AB' : 'AA'}`);
    const bad = await fetch(tampered, { headers: { accept: 'text/html' } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('This link does not work');
    expect(await (await fetch(tampered, { headers: { accept: 'application/json' } })).json()).toMatchObject({ statusCode: 401, code: 'LINK.TAMPERED' });
    const otherOrder = new URL(link.href.replace(orders.json, orders.xml));
    expect(await (await fetch(otherOrder, { headers: { accept: 'application/json' } })).json()).toMatchObject({ statusCode: 403, code: 'LINK.WRONG_ORDER' });
    const noToken = await fetch(`${hub.baseUrl}/api/v1/buyer/orders/${orders.json}`, { headers: { accept: 'application/json' } });
    expect(noToken.status).toBe(401);
  });

  it('the buyer confirms from the page (form post, then redirect) and hub.orders carries payment-info-confirmed', async () => {
    const link = linkIn(mailsTo(jsonBuyer)[0]);
    const html = await (await fetch(link)).text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)![1];
    const t = /name="t" value="([^"]+)"/.exec(html)![1];
    const posted = await fetch(new URL(action, hub.baseUrl), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'e2e-browser' }, body: new URLSearchParams({ t }).toString() });
    expect(posted.status).toBe(303);
    const after = await (await fetch(new URL(posted.headers.get('location')!, hub.baseUrl))).text();
    expect(after).toContain('Thank you.');
    expect(after).not.toContain('<form');
    const { rows } = await db.pool.query(`select source_address, user_agent, confirmed_at from payment_info_confirmation where order_no = $1`, [orders.json]);
    expect(rows).toEqual([{ source_address: expect.stringMatching(/127\.0\.0\.1/), user_agent: 'e2e-browser', confirmed_at: expect.any(Date) }]);

    const [event] = await waitFor(async () => eventsOf(orders.json, 'ereceipt.order.payment-info-confirmed.v1').length > 0 && eventsOf(orders.json, 'ereceipt.order.payment-info-confirmed.v1'), 'payment-info-confirmed on hub.orders', 60_000);
    expect(event.json()).toMatchObject({ orderNo: orders.json, sellerId, lifecycleStatus: 'CONFIRMED', total: '6200.00', externalOrderId: `SO-${run}-J` });
    expect((await call('GET', `/orders/${orders.json}`)).body.lifecycleStatus).toBe('CONFIRMED');
  });

  it('an API client confirms the XML order with JSON; a second confirmation changes nothing', async () => {
    const link = linkIn(mailsTo(xmlBuyer)[0]);
    const url = `${hub.baseUrl}${link.pathname}/payment-confirmation`;
    const body = JSON.stringify({ t: link.searchParams.get('t') });
    const post = async () => (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { orderNo: string; confirmedAt: string; alreadyConfirmed: boolean };
    const first = await post();
    const second = await post();
    expect(first).toMatchObject({ orderNo: orders.xml, alreadyConfirmed: false });
    expect(second).toEqual({ ...first, alreadyConfirmed: true });
    await waitFor(async () => eventsOf(orders.xml, 'ereceipt.order.payment-info-confirmed.v1').length > 0, 'payment-info-confirmed for the XML order', 60_000);
    expect(eventsOf(orders.xml, 'ereceipt.order.payment-info-confirmed.v1')).toHaveLength(1);
  });

  it('the seller re-sends a reminder (a new mail) until the rate limit answers 429 with Retry-After', async () => {
    const again = await call('POST', `/orders/${orders.xml}/reminders`);
    expect(again).toMatchObject({ status: 202, body: { orderNo: orders.xml, seq: 2, to: xmlBuyer } });
    const limited = await call('POST', `/orders/${orders.xml}/reminders`);
    expect(limited).toMatchObject({ status: 429, body: { code: 'ORDERS.REMINDER_RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await waitFor(async () => mailsTo(xmlBuyer).length === 2, 'the re-sent reminder at the SMTP server', 60_000);
    expect(new Set(mailsTo(xmlBuyer).map((m) => m.messageId)).size).toBe(2);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
