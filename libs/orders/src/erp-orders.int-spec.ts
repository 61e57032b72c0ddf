import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { loadConfig } from '@ereceipt/config';
import { inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundRecord, processRecords, type RecordOutcome } from '@ereceipt/messaging';
import { MailOutboxWriterFactory } from '@ereceipt/notifications';
import { ormOptions } from '@ereceipt/persistence';
import { buildOrderInput, freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { ErpOrdersConsumer } from './erp-orders.consumer';
import { ErpSyncLogQueries } from './erp-sync-log.query';
import { OrderQueries } from './orders.query';
import { PaymentReminderQueue } from './payment-reminder.queue';
import { SubmitOrder } from './submit-order.usecase';
import { SyncErpOrder } from './sync-erp-order.usecase';
import { UpdateOrder } from './update-order.usecase';

/**
 * The ERP feed on real PostgreSQL, driven through the inbound pipeline exactly as the Kafka consumer
 * drives it: archive, dedupe, the handler in a savepoint, DLQ through the outbox.
 */
describe('erp.orders feed (PostgreSQL, inbound pipeline)', () => {
  let orm: MikroORM;
  let sellerId: string;
  let pendingSellerId: string;
  let options: Parameters<typeof processRecords>[2];
  let offset = 0;
  const admin: Principal = { tokenId: 't', name: 'admin', role: 'admin', sellerId: null };
  const application = { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@example.cn' };

  const record = (value: string, key: string, headers: Record<string, string> = {}): InboundRecord => ({ channel: 'kafka', topic: inboundTopics.erpOrders, partition: 0, offset: String(offset++), key, headers, value: Buffer.from(value) });
  const jsonMessage = (externalOrderId: string, version: number | string, extra: Record<string, unknown> = {}, order: Record<string, unknown> = {}, seller = sellerId) =>
    record(JSON.stringify({ sellerId: seller, externalOrderId, version, action: 'UPSERT', order: { ...buildOrderInput(), ...order }, ...extra }), `${seller}:${externalOrderId}`);
  const send = async (...records: InboundRecord[]): Promise<RecordOutcome[]> => processRecords(orm.em.fork(), records, options);
  const query = async <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params);
  const syncLog = async (externalOrderId: string) =>
    query<{ version: string; outcome: string; applied_version: string; detail: string; format: string; order_no: string | null }>(
      `select version::text, outcome, applied_version::text, detail, format, order_no from erp_order_sync where external_order_id = ? order by received_at, version`,
      [externalOrderId],
    );
  const orderOf = async (externalOrderId: string) => (await new OrderQueries(orm).list({ externalOrderId }, admin)).items[0];
  const events = async (key: string) => query<{ type: string; payload: Record<string, unknown> }>(`select type, payload from outbox_event where kind = 'event' and key = ? order by seq`, [key]);

  beforeAll(async () => {
    const db = await freshDatabase('erp_orders');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    sellerId = (await new DecideSeller(orm).approve((await new ApplySeller(orm).execute(application)).sellerId)).sellerId;
    pendingSellerId = (await new ApplySeller(orm).execute(application)).sellerId;
    const submit = new SubmitOrder(orm, new PaymentReminderQueue(loadConfig({ HUB_SECRET: 'erp-orders-int-spec-secret-0123456789abcdef' }), new MailOutboxWriterFactory()));
    const registry = new HandlerRegistry();
    new ErpOrdersConsumer(registry, new SyncErpOrder(new DraftOrder(orm), new UpdateOrder(orm), submit, new CancelOrder(orm))).onModuleInit();
    options = { consumer: 'erp-int-test', handlerFor: (topic) => registry.get(topic) };
  });

  afterAll(async () => orm?.close());

  it('JSON: creates a DRAFT exactly like the API would (same numbers, no event for a draft), recorded APPLIED', async () => {
    expect(await send(jsonMessage('SO-J', 1))).toMatchObject([{ status: 'processed' }]);
    const erp = await orderOf('SO-J');
    const api = await new DraftOrder(orm).execute({ ...buildOrderInput(), sellerId, externalOrderId: 'SO-API' }, admin);
    const strip = ({ orderNo: _n, externalOrderId: _e, createdAt: _c, updatedAt: _u, ...rest }: typeof api) => rest;
    expect(strip(erp)).toEqual(strip(api));
    expect(erp).toMatchObject({ sellerId, lifecycleStatus: 'DRAFT', totals: { total: '6200.00', paidAmount: '0.00' } });
    expect(erp.orderNo).toMatch(/^EO-\d{4}-\d{6}$/);
    expect(await events(erp.orderNo)).toEqual([]);
    expect(await syncLog('SO-J')).toEqual([{ version: '1', outcome: 'APPLIED', applied_version: '1', detail: 'created', format: 'json', order_no: erp.orderNo }]);
  });

  it('XML: the same order under <erpOrder> (one <line>) becomes the same draft', async () => {
    const o = buildOrderInput();
    const l = o.lines[0];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<erpOrder>
  <sellerId>${sellerId}</sellerId><externalOrderId>SO-X</externalOrderId><version>7</version><action>UPSERT</action>
  <order>
    <buyer><name>${o.buyer.name}</name><email>${o.buyer.email}</email><country>${o.buyer.country}</country></buyer>
    <currency>USD</currency>
    <lines><line><name>${l.name}</name><sku>${l.sku}</sku><hsCode>${l.hsCode}</hsCode><quantity>${l.quantity}</quantity><unit>${l.unit}</unit><unitPrice>${l.unitPrice}</unitPrice></line></lines>
    <milestones>${o.milestones.map((m) => `<milestone><kind>${m.kind}</kind><amount>${m.amount}</amount><dueDate>${m.dueDate}</dueDate><preShipment>${m.preShipment}</preShipment></milestone>`).join('')}</milestones>
    <incoterm>${o.incoterm}</incoterm><expectedShipDate>${o.expectedShipDate}</expectedShipDate><exportMethod>${o.exportMethod}</exportMethod>
  </order>
</erpOrder>`;
    expect(await send(record(xml, `${sellerId}:SO-X`, { 'Content-Type': 'application/xml' }))).toMatchObject([{ status: 'processed' }]);
    const x = await orderOf('SO-X');
    const j = await orderOf('SO-J');
    expect({ lines: x.lines, milestones: x.milestones, totals: x.totals, buyer: x.buyer }).toEqual({ lines: j.lines, milestones: j.milestones, totals: j.totals, buyer: j.buyer });
    expect(await syncLog('SO-X')).toMatchObject([{ version: '7', outcome: 'APPLIED', format: 'xml', detail: 'created' }]);
  });

  it('the same version twice (byte for byte, re-sent): no change, recorded DUPLICATE', async () => {
    const before = await orderOf('SO-J');
    expect(await send(jsonMessage('SO-J', 1), jsonMessage('SO-J', '1', {}, { incoterm: 'CIF' }))).toMatchObject([{ status: 'processed' }, { status: 'processed' }]);
    expect(await orderOf('SO-J')).toEqual(before);
    expect((await syncLog('SO-J')).slice(1)).toEqual([
      { version: '1', outcome: 'DUPLICATE', applied_version: '1', detail: 'ignored: version 1 was already applied', format: 'json', order_no: before.orderNo },
      { version: '1', outcome: 'DUPLICATE', applied_version: '1', detail: 'ignored: version 1 was already applied', format: 'json', order_no: before.orderNo },
    ]);
  });

  it('a newer version updates the draft; an older one arriving late is ignored and recorded STALE', async () => {
    const lines = [{ ...buildOrderInput().lines[0], quantity: 1000 }];
    const milestones = [{ kind: 'BALANCE', amount: '12400.00', dueDate: '2027-01-15', preShipment: false }];
    await send(jsonMessage('SO-J', 3, {}, { lines, milestones }));
    const updated = await orderOf('SO-J');
    expect(updated.totals.total).toBe('12400.00');
    await send(jsonMessage('SO-J', 2, {}, { incoterm: 'CIF' }));
    expect(await orderOf('SO-J')).toEqual(updated);
    const log = await syncLog('SO-J');
    expect(log.slice(-2)).toMatchObject([
      { version: '3', outcome: 'APPLIED', applied_version: '3', detail: 'updated: lines, milestones' },
      { version: '2', outcome: 'STALE', applied_version: '3', detail: 'ignored: version 2 is older than the applied 3' },
    ]);
  });

  it('submit: true submits the DRAFT: ereceipt.order.submitted.v1 in the outbox and the reminder queued, like the API', async () => {
    const lines = [{ ...buildOrderInput().lines[0], quantity: 1000 }];
    const milestones = [{ kind: 'BALANCE', amount: '12400.00', dueDate: '2027-01-15', preShipment: false }];
    await send(jsonMessage('SO-J', 4, { submit: true }, { lines, milestones }));
    const submitted = await orderOf('SO-J');
    expect(submitted.lifecycleStatus).toBe('SUBMITTED');
    expect(await events(submitted.orderNo)).toMatchObject([{ type: 'ereceipt.order.submitted.v1', payload: { orderNo: submitted.orderNo, sellerId, externalOrderId: 'SO-J', total: '12400.00', lifecycleStatus: 'SUBMITTED' } }]);
    expect(await query(`select requested_by from order_reminder where order_no = ?`, [submitted.orderNo])).toEqual([{ requested_by: `erp:${sellerId}` }]);
    expect((await syncLog('SO-J')).at(-1)).toMatchObject({ version: '4', outcome: 'APPLIED', detail: 'unchanged, submitted' });
    // submit: true again on a submitted order changes nothing and publishes nothing more.
    await send(jsonMessage('SO-J', 5, { submit: true }, { lines, milestones }));
    expect(await events(submitted.orderNo)).toHaveLength(1);
    expect((await syncLog('SO-J')).at(-1)).toMatchObject({ version: '5', outcome: 'APPLIED', detail: 'unchanged, submit ignored: already SUBMITTED' });
  });

  it('after submission: what may change does (ship date, due dates); a frozen field goes to the DLQ, naming it', async () => {
    const lines = [{ ...buildOrderInput().lines[0], quantity: 1000 }];
    const milestones = [{ kind: 'BALANCE', amount: '12400.00', dueDate: '2027-02-01', preShipment: false }];
    await send(jsonMessage('SO-J', 6, {}, { lines, milestones, expectedShipDate: '2027-01-10' }));
    const moved = await orderOf('SO-J');
    expect(moved).toMatchObject({ lifecycleStatus: 'SUBMITTED', expectedShipDate: '2027-01-10', milestones: [{ dueDate: '2027-02-01' }] });
    const [outcome] = await send(jsonMessage('SO-J', 7, {}, { lines: [{ ...lines[0], unitPrice: '12.00' }], milestones: [{ ...milestones[0], amount: '12000.00' }], expectedShipDate: '2027-01-10' }));
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'ORDERS.FIELD_FROZEN', message: expect.stringMatching(/^order\.lines: /) });
    expect(await orderOf('SO-J')).toEqual(moved);
    // The rejected version was not applied: the same content again at version 7 is still judged (and refused).
    expect((await syncLog('SO-J')).at(-1)).toMatchObject({ version: '6', outcome: 'APPLIED', detail: 'updated: milestones, expectedShipDate' });
  });

  it('CANCEL cancels with the existing rules: ereceipt.order.cancelled.v1; a later CANCEL is recorded, not an error', async () => {
    const order = await orderOf('SO-J');
    await send(record(JSON.stringify({ sellerId, externalOrderId: 'SO-J', version: 8, action: 'CANCEL', reason: 'buyer withdrew' }), `${sellerId}:SO-J`));
    expect(await orderOf('SO-J')).toMatchObject({ lifecycleStatus: 'CANCELLED', cancelReason: 'buyer withdrew' });
    expect((await events(order.orderNo)).map((e) => e.type)).toEqual(['ereceipt.order.submitted.v1', 'ereceipt.order.cancelled.v1']);
    await send(record(JSON.stringify({ sellerId, externalOrderId: 'SO-J', version: 9, action: 'CANCEL' }), `${sellerId}:SO-J`));
    expect((await syncLog('SO-J')).slice(-2)).toMatchObject([
      { version: '8', outcome: 'APPLIED', detail: 'cancelled' },
      { version: '9', outcome: 'APPLIED', detail: 'already cancelled' },
    ]);
    // A cancelled order takes no changes: DLQ.
    const [changed] = await send(jsonMessage('SO-J', 10, {}, { incoterm: 'CIF' }));
    expect(changed).toMatchObject({ status: 'dead-lettered', code: 'ORDERS.INVALID_TRANSITION' });
  });

  it('unknown seller, unapproved seller, invalid order, unusable message: to erp.orders.dlq with the reason in the headers', async () => {
    const unknown = randomUUID();
    const outcomes = await send(
      jsonMessage('SO-U', 1, {}, {}, unknown),
      jsonMessage('SO-P', 1, {}, {}, pendingSellerId),
      jsonMessage('SO-I', 1, {}, { lines: [{ ...buildOrderInput().lines[0], unitPrice: '12.401' }] }),
      record('{"sellerId": "nope", "version": 1}', 'k'),
      record('<erpOrder><version>1</erpOrder>', 'k', { 'content-type': 'application/xml' }),
      jsonMessage('SO-OK', 1),
    );
    expect(outcomes.map((o) => (o.status === 'dead-lettered' ? o.code : o.status))).toEqual([
      'ORDERS.SELLER_NOT_FOUND',
      'ORDERS.SELLER_NOT_APPROVED',
      'ORDERS.INVALID',
      'ERP_ORDER.INVALID_FIELD',
      'ERP_ORDER.MALFORMED_XML',
      'processed',
    ]);
    const dlq = await query<{ kind: string; topic: string; key: string; headers: Record<string, string>; value: Buffer }>(`select kind, topic, key, headers, value from outbox_event where topic = 'erp.orders.dlq' order by seq`);
    const byKey = (key: string) => dlq.filter((d) => d.key === key);
    expect(byKey(`${unknown}:SO-U`)).toMatchObject([
      { kind: 'raw', topic: 'erp.orders.dlq', headers: { 'error-code': 'ORDERS.SELLER_NOT_FOUND', 'error-message': `seller ${unknown} not found`, 'original-topic': 'erp.orders', 'original-partition': '0' } },
    ]);
    expect(byKey(`${unknown}:SO-U`)[0].value.toString()).toContain('"externalOrderId":"SO-U"');
    expect(byKey(`${sellerId}:SO-I`)[0].headers['error-message']).toBe('order.lines[0].unitPrice: has more decimals than USD allows (2)');
    expect(byKey('k')[0].headers['error-message']).toMatch(/^sellerId: must be the seller id the hub gave \(a UUID\) \[ERP_ORDER.INVALID_FIELD\] \| externalOrderId: is required/);
    expect(await query(`select count(*)::int as n from inbound_message where topic = 'erp.orders' and status = 'DEAD_LETTERED'`)).toEqual([{ n: 7 }]);
    // Nothing of a dead-lettered message stays: no order, no sync row, no state.
    expect(await query(`select count(*)::int as n from erp_order_state where external_order_id in ('SO-U', 'SO-P', 'SO-I')`)).toEqual([{ n: 0 }]);
    expect((await orderOf('SO-OK')).lifecycleStatus).toBe('DRAFT');
  });

  it('the sync log reads newest first, a seller only its own, filtered by order and outcome', async () => {
    const seller: Principal = { tokenId: 's', name: 'seller', role: 'seller', sellerId };
    const stranger: Principal = { tokenId: 'x', name: 'other', role: 'seller', sellerId: pendingSellerId };
    const log = new ErpSyncLogQueries(orm);
    const mine = await log.list({ externalOrderId: 'SO-J' }, seller);
    expect(mine.items.map((e) => e.version)).toEqual(['9', '8', '6', '5', '4', '2', '3', '1', '1', '1']);
    expect(mine.items[0]).toMatchObject({ sellerId, externalOrderId: 'SO-J', action: 'CANCEL', outcome: 'APPLIED', appliedVersion: '9', format: 'json', detail: 'already cancelled' });
    expect((await log.list({ externalOrderId: 'SO-J', outcome: 'STALE' }, admin)).items).toMatchObject([{ version: '2', appliedVersion: '3', detail: 'ignored: version 2 is older than the applied 3' }]);
    expect((await log.list({ sellerId }, stranger)).items).toEqual([]);
  });

  it('two deliveries of a new order in parallel transactions (two partitions, two replicas) serialise on the state row: one order, the newer version wins', async () => {
    const outcomes = await Promise.all([send(jsonMessage('SO-RACE', 1)), send(jsonMessage('SO-RACE', 2, {}, { incoterm: 'CIF' }))]);
    expect(outcomes.flat().map((o) => o.status)).toEqual(['processed', 'processed']);
    expect((await new OrderQueries(orm).list({ externalOrderId: 'SO-RACE' }, admin)).items).toMatchObject([{ incoterm: 'CIF', lifecycleStatus: 'DRAFT' }]);
    expect(await query(`select applied_version::text as v from erp_order_state where external_order_id = 'SO-RACE'`)).toEqual([{ v: '2' }]);
    expect((await syncLog('SO-RACE')).map((r) => r.outcome).sort()).toEqual(['APPLIED', expect.stringMatching(/^(APPLIED|STALE)$/)].sort());
  });

  it('a version above 2^53 is compared exactly', async () => {
    await send(jsonMessage('SO-BIG', '9007199254740993'));
    await send(jsonMessage('SO-BIG', '9007199254740992', {}, { incoterm: 'CIF' }));
    expect((await syncLog('SO-BIG')).map((r) => [r.version, r.outcome])).toEqual([
      ['9007199254740993', 'APPLIED'],
      ['9007199254740992', 'STALE'],
    ]);
  });
});
