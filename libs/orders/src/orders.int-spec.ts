import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { ormOptions } from '@ereceipt/persistence';
import { loadConfig } from '@ereceipt/config';
import { MailOutboxWriterFactory } from '@ereceipt/notifications';
import { buildOrderInput, freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { ApplySeller, DecideSeller, isVirtualAccountNumber } from '@ereceipt/sellers';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { OrderQueries } from './orders.query';
import { PaymentReminderQueue } from './payment-reminder.queue';
import { SubmitOrder } from './submit-order.usecase';
import { UpdateOrder } from './update-order.usecase';

const order = buildOrderInput();

/** Sellers and orders on real PostgreSQL: sequences, unique accounts, locks, outbox in the same transaction. */
describe('sellers and orders (PostgreSQL)', () => {
  let orm: MikroORM;
  let seller: Principal;
  const admin: Principal = { tokenId: 't', name: 'admin', role: 'admin', sellerId: null };
  const application = { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@example.cn' };
  const outbox = async (key: string) => orm.em.fork().execute<Array<{ type: string; topic: string; payload: Record<string, unknown> }>>(`select type, topic, payload from outbox_event where key = ? order by seq`, [key]);

  beforeAll(async () => {
    const db = await freshDatabase('orders');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    const applied = await new ApplySeller(orm).execute(application);
    await expect(new DraftOrder(orm).execute({ ...order, sellerId: applied.sellerId }, admin)).rejects.toMatchObject({ code: 'ORDERS.SELLER_NOT_APPROVED', kind: 'conflict' });
    const approved = await new DecideSeller(orm).approve(applied.sellerId);
    seller = { tokenId: 't2', name: 'seller', role: 'seller', sellerId: approved.sellerId };
  });

  afterAll(async () => orm?.close());

  const submitter = () => new SubmitOrder(orm, new PaymentReminderQueue(loadConfig({ HUB_SECRET: 'orders-int-spec-secret-0123456789abcdef' }), new MailOutboxWriterFactory()));

  it('approval opens one unique virtual account per currency; a second decision is 409', async () => {
    const other = await new ApplySeller(orm).execute({ ...application, currencies: ['USD'] });
    const view = await new DecideSeller(orm).approve(other.sellerId);
    const mine = await new OrderQueries(orm).list({}, seller);
    expect(mine.items).toEqual([]);
    expect(view.collectionAccounts).toHaveLength(1);
    const all = await orm.em.fork().execute<Array<{ account_number: string }>>(`select account_number from collection_account`);
    expect(all).toHaveLength(3);
    expect(new Set(all.map((a) => a.account_number)).size).toBe(3);
    for (const a of all) expect(isVirtualAccountNumber(a.account_number)).toBe(true);
    await expect(new DecideSeller(orm).reject(other.sellerId, 'late')).rejects.toMatchObject({ code: 'SELLERS.ALREADY_DECIDED', kind: 'conflict' });
  });

  it('drafts with a sequence number, stores exact amounts, submits with the event in the same transaction', async () => {
    const drafted = await new DraftOrder(orm).execute({ ...order, externalOrderId: 'ERP-1' }, seller);
    expect(drafted.orderNo).toMatch(/^EO-\d{4}-\d{6}$/);
    expect(drafted).toMatchObject({ lifecycleStatus: 'DRAFT', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED', totals: { total: '6200.00', paidAmount: '0.00', outstandingAmount: '6200.00' } });
    expect(drafted.milestones.map((m) => m.paidAmount)).toEqual(['0.00', '0.00']);
    await expect(new DraftOrder(orm).execute({ ...order, externalOrderId: 'ERP-1' }, seller)).rejects.toMatchObject({ code: 'ORDERS.DUPLICATE_EXTERNAL_ID' });
    await expect(new DraftOrder(orm).execute({ ...order, currency: 'JPY', lines: [{ ...order.lines[0], unitPrice: '1' }], milestones: [{ ...order.milestones[1], amount: '500' }] }, seller)).rejects.toMatchObject({ message: expect.stringMatching(/^currency:/) });
    expect(await outbox(drafted.orderNo)).toEqual([]);

    const edited = await new UpdateOrder(orm).execute(drafted.orderNo, { lines: [{ ...order.lines[0], quantity: 1000 }], milestones: [{ ...order.milestones[0], amount: '12400.00' }] }, seller);
    expect(edited.totals.total).toBe('12400.00');

    const submitted = await submitter().execute(drafted.orderNo, seller);
    expect(submitted.lifecycleStatus).toBe('SUBMITTED');
    const events = await outbox(drafted.orderNo);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ereceipt.order.submitted.v1', topic: 'hub.orders', payload: { orderNo: drafted.orderNo, total: '12400.00', externalOrderId: 'ERP-1' } });
    await expect(submitter().execute(drafted.orderNo, seller)).rejects.toMatchObject({ code: 'ORDERS.INVALID_TRANSITION', kind: 'conflict' });
    await expect(new UpdateOrder(orm).execute(drafted.orderNo, { incoterm: 'CIF' }, seller)).rejects.toMatchObject({ code: 'ORDERS.FIELD_FROZEN' });
    expect((await new UpdateOrder(orm).execute(drafted.orderNo, { expectedShipDate: '2027-01-10' }, seller)).expectedShipDate).toBe('2027-01-10');
    expect((await new OrderQueries(orm).list({ externalOrderId: 'ERP-1' }, seller)).items.map((o) => o.orderNo)).toEqual([drafted.orderNo]);
  });

  it('cancels until the first payment; a submitted order publishes cancelled, a draft nothing', async () => {
    const draft = await new DraftOrder(orm).execute(order, seller);
    await new CancelOrder(orm).execute(draft.orderNo, 'typo', seller);
    expect(await outbox(draft.orderNo)).toEqual([]);
    await expect(new CancelOrder(orm).execute(draft.orderNo, undefined, seller)).rejects.toMatchObject({ code: 'ORDERS.INVALID_TRANSITION' });

    const paid = await new DraftOrder(orm).execute(order, seller);
    await submitter().execute(paid.orderNo, seller);
    await orm.em.fork().execute(`update ereceipt_order set payment_status = 'PARTLY_PAID' where order_no = ?`, [paid.orderNo]);
    await expect(new CancelOrder(orm).execute(paid.orderNo, undefined, seller)).rejects.toMatchObject({ code: 'ORDERS.ALREADY_PAID', kind: 'conflict' });

    const submitted = await new DraftOrder(orm).execute(order, seller);
    await submitter().execute(submitted.orderNo, seller);
    const cancelled = await new CancelOrder(orm).execute(submitted.orderNo, 'buyer withdrew', seller);
    expect(cancelled).toMatchObject({ lifecycleStatus: 'CANCELLED', cancelReason: 'buyer withdrew' });
    expect((await outbox(submitted.orderNo)).map((e) => e.type)).toEqual(['ereceipt.order.submitted.v1', 'ereceipt.order.cancelled.v1']);
  });

  it('a seller sees only its own orders', async () => {
    const mine = await new DraftOrder(orm).execute(order, seller);
    const stranger: Principal = { ...seller, sellerId: '00000000-0000-4000-8000-000000000001' };
    await expect(new OrderQueries(orm).get(mine.orderNo, stranger)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(submitter().execute(mine.orderNo, stranger)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
