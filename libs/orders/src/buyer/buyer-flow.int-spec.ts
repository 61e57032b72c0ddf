import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { loadConfig } from '@ereceipt/config';
import { MailOutboxWriterFactory, verifyLink } from '@ereceipt/notifications';
import { ormOptions } from '@ereceipt/persistence';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { buildOrderInput, freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { CancelOrder } from '../cancel-order.usecase';
import { DraftOrder } from '../draft-order.usecase';
import { PaymentReminderQueue } from '../payment-reminder.queue';
import { SendPaymentReminder } from '../send-payment-reminder.usecase';
import { SubmitOrder } from '../submit-order.usecase';
import { BuyerOrderQuery } from './buyer-order.query';
import { ConfirmPaymentInfo } from './confirm-payment-info.usecase';

const SECRET = 'buyer-flow-int-spec-secret-0123456789';

/** Submit -> reminder in the mail outbox -> signed link -> buyer view -> confirmation, on real PostgreSQL. */
describe('payment reminder and buyer confirmation (PostgreSQL)', () => {
  let orm: MikroORM;
  let seller: Principal;
  let sellerId: string;
  const config = loadConfig({ HUB_SECRET: SECRET, PUBLIC_URL: 'https://hub.example', REMINDER_MIN_INTERVAL_SECONDS: '0', REMINDER_MAX_PER_DAY: '3' });
  const queue = () => new PaymentReminderQueue(config, new MailOutboxWriterFactory());
  const submit = (orderNo: string) => new SubmitOrder(orm, queue()).execute(orderNo, seller);
  const remind = (orderNo: string) => new SendPaymentReminder(orm, queue(), config).execute(orderNo, seller);
  const confirm = (orderNo: string, address = '203.0.113.7') => new ConfirmPaymentInfo(orm).execute(orderNo, { address, forwardedFor: null, userAgent: 'jest' });
  const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
  const draft = async () => (await new DraftOrder(orm).execute(buildOrderInput(), seller)).orderNo;

  beforeAll(async () => {
    const db = await freshDatabase('buyer_flow');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    const applied = await new ApplySeller(orm).execute({ legalName: 'NINGBO <EXAMPLE> CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'finance@example.cn' });
    sellerId = (await new DecideSeller(orm).approve(applied.sellerId)).sellerId;
    seller = { tokenId: 'tok-1', name: 'seller', role: 'seller', sellerId };
  });

  afterAll(async () => orm?.close());

  it('submit queues one reminder to the buyer with the account, the reference and a link that opens this order only', async () => {
    const orderNo = await draft();
    await submit(orderNo);
    const [mail] = await sql<{ to_address: string; subject: string; html: string; text: string; dedupe_key: string }>(`select * from mail_outbox where dedupe_key like ?`, [`payment-reminder:${orderNo}:%`]);
    const [account] = await sql<{ account_number: string }>(`select account_number from collection_account where seller_id = ?`, [sellerId]);
    expect(mail).toMatchObject({ to_address: 'ap@acme.example', dedupe_key: `payment-reminder:${orderNo}:1`, subject: `Payment reminder: order ${orderNo} from NINGBO <EXAMPLE> CO LTD` });
    expect(mail.text).toContain(`Account: ${account.account_number}`);
    expect(mail.text).toContain(`Reference to quote: ${orderNo}`);
    expect(mail.text).toContain('Deposit: USD 1860.00, due 2026-12-01');
    expect(mail.html).toContain('NINGBO &lt;EXAMPLE&gt; CO LTD');
    const link = new URL(/https:\/\/hub\.example\/\S+/.exec(mail.text)![0]);
    expect(link.pathname).toBe(`/api/v1/buyer/orders/${orderNo}`);
    const t = link.searchParams.get('t')!;
    expect(verifyLink(t, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, SECRET)).toMatchObject({ ok: true });
    expect(verifyLink(t, { purpose: 'buyer-order', subject: 'EO-2026-999999', now: new Date() }, SECRET)).toEqual({ ok: false, code: 'LINK.WRONG_ORDER' });
    const [reminder] = await sql<{ seq: number; trigger: string; requested_by: string }>(`select seq, trigger, requested_by from order_reminder where order_no = ?`, [orderNo]);
    expect(reminder).toEqual({ seq: 1, trigger: 'SUBMIT', requested_by: 'seller:tok-1' });
  });

  it('the buyer view shows what is due and where to pay; confirming records time and address once and publishes the event', async () => {
    const orderNo = await draft();
    await submit(orderNo);
    const before = await new BuyerOrderQuery(orm).get(orderNo, new Date('2027-01-01T00:00:00Z'));
    expect(before).toMatchObject({ orderNo, sellerName: 'NINGBO <EXAMPLE> CO LTD', lifecycleStatus: 'SUBMITTED', canConfirm: true, confirmation: null, outstandingAmount: '6200.00', payTo: { reference: orderNo, accountNumber: expect.stringMatching(/^VA88/) } });
    expect(before.milestones.map((m) => m.dueAmount)).toEqual(['1860.00', '4340.00']);

    const first = await confirm(orderNo);
    expect(first).toMatchObject({ orderNo, alreadyConfirmed: false });
    const again = await confirm(orderNo, '198.51.100.1');
    expect(again).toEqual({ ...first, alreadyConfirmed: true });
    const rows = await sql<{ source_address: string; user_agent: string; collection_account: string }>(`select * from payment_info_confirmation where order_no = ?`, [orderNo]);
    expect(rows).toEqual([expect.objectContaining({ source_address: '203.0.113.7', user_agent: 'jest', collection_account: before.payTo.accountNumber })]);
    const events = await sql<{ type: string; payload: Record<string, unknown> }>(`select type, payload from outbox_event where key = ? order by seq`, [orderNo]);
    expect(events.map((e) => e.type)).toEqual(['ereceipt.order.submitted.v1', 'ereceipt.order.payment-info-confirmed.v1']);
    expect(events[1].payload).toMatchObject({ orderNo, sellerId, lifecycleStatus: 'CONFIRMED', total: '6200.00', confirmedAt: first.confirmedAt });
    expect(await new BuyerOrderQuery(orm).get(orderNo, new Date())).toMatchObject({ lifecycleStatus: 'CONFIRMED', canConfirm: false, confirmation: { confirmedAt: first.confirmedAt } });
  });

  it('two confirmations at the same instant: one records, the other sees it', async () => {
    const orderNo = await draft();
    await submit(orderNo);
    const results = await Promise.all([confirm(orderNo), confirm(orderNo), confirm(orderNo)]);
    expect(results.filter((r) => !r.alreadyConfirmed)).toHaveLength(1);
    expect((await sql(`select 1 from outbox_event where key = ? and type = 'ereceipt.order.payment-info-confirmed.v1'`, [orderNo])).length).toBe(1);
  });

  it('drafts are not visible to buyers; cancelled orders cannot be confirmed', async () => {
    const drafted = await draft();
    await expect(new BuyerOrderQuery(orm).get(drafted, new Date())).rejects.toMatchObject({ kind: 'not-found' });
    await expect(confirm(drafted)).rejects.toMatchObject({ kind: 'not-found' });
    const cancelled = await draft();
    await submit(cancelled);
    await new CancelOrder(orm).execute(cancelled, 'buyer withdrew', seller);
    expect(await new BuyerOrderQuery(orm).get(cancelled, new Date())).toMatchObject({ lifecycleStatus: 'CANCELLED', canConfirm: false });
    await expect(confirm(cancelled)).rejects.toMatchObject({ code: 'ORDERS.CANNOT_CONFIRM', kind: 'conflict' });
  });

  it('reminders re-send with a new link and count up, until the daily cap answers 429 with when to retry', async () => {
    const orderNo = await draft();
    await expect(remind(orderNo)).rejects.toMatchObject({ code: 'ORDERS.REMINDER_NOT_ALLOWED', kind: 'conflict' });
    await submit(orderNo);
    expect(await remind(orderNo)).toMatchObject({ orderNo, seq: 2, to: 'ap@acme.example' });
    expect(await remind(orderNo)).toMatchObject({ seq: 3 });
    const limited = await remind(orderNo).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'ORDERS.REMINDER_RATE_LIMITED', kind: 'too-many', details: { retryAfterSeconds: expect.any(Number), nextAllowedAt: expect.any(String) } });
    const keys = await sql<{ dedupe_key: string }>(`select dedupe_key from mail_outbox where dedupe_key like ? order by dedupe_key`, [`payment-reminder:${orderNo}:%`]);
    expect(keys.map((k) => k.dedupe_key)).toEqual([1, 2, 3].map((n) => `payment-reminder:${orderNo}:${n}`));
  });

  it('a fully paid order has nothing to remind of', async () => {
    const orderNo = await draft();
    await submit(orderNo);
    await sql(`update ereceipt_order set payment_status = 'PAID' where order_no = ?`, [orderNo]);
    await expect(remind(orderNo)).rejects.toMatchObject({ code: 'ORDERS.NOTHING_DUE' });
  });
});
