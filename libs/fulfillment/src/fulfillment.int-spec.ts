import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundRecord, processRecords, type RecordOutcome } from '@ereceipt/messaging';
import { assignDraft, formatOrderNumber, type OrderEntity, OrderEntity as Order, validateOrder } from '@ereceipt/orders';
import { ormOptions } from '@ereceipt/persistence';
import { FxRatesConsumer, rateInForce } from '@ereceipt/rates';
import { buildOrderInput, freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { completeFinishedOrders } from './complete-finished-orders.usecase';
import { ConfirmReceipt } from './confirm-receipt.usecase';
import { CreateShipment } from './create-shipment.usecase';
import { declaredGoodsValue } from './declared-goods-value';
import { ExportBillsConsumer } from './export-bills.consumer';
import { flagMissedShipDates } from './flag-missed-ship-dates.usecase';
import { creditingHeld } from './fulfillment-flags';
import { LogisticsEventsConsumer } from './logistics-events.consumer';
import { ShipmentQueries } from './shipments.query';

/**
 * Fulfillment on real PostgreSQL: shipments through the use case, logistics events, export bills and
 * FX rates through the inbound pipeline exactly as the Kafka consumer drives it (archive, dedupe,
 * handler in a savepoint, DLQ through the outbox), the ship-date job, completion.
 */
describe('fulfillment (PostgreSQL, inbound pipeline)', () => {
  let orm: MikroORM;
  let sellerId: string;
  let seller: Principal;
  let options: Parameters<typeof processRecords>[2];
  let offset = 0;
  const admin: Principal = { tokenId: 't', name: 'admin', role: 'admin', sellerId: null };

  const record = (topic: string, value: unknown, key: string | null = null, headers: Record<string, string> = {}): InboundRecord => ({
    channel: 'kafka', topic, partition: 0, offset: String(offset++), key, headers, value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  });
  const send = async (...records: InboundRecord[]): Promise<RecordOutcome[]> => processRecords(orm.em.fork(), records, options);
  const query = async <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params);
  const events = async (key: string) => query<{ type: string; topic: string; payload: Record<string, unknown> }>(`select type, topic, payload from outbox_event where kind = 'event' and key = ? order by seq`, [key]);
  const order = async (orderNo: string) => orm.em.fork().findOneOrFail(Order, { orderNo });
  const view = async (orderNo: string) => new ShipmentQueries(orm).forOrder(orderNo, admin);

  /** A submitted order as DraftOrder + SubmitOrder would leave it (those are not exported; the order tests cover them). */
  async function submittedOrder(overrides: Parameters<typeof buildOrderInput>[0] = {}): Promise<string> {
    const em = orm.em.fork();
    const [{ n }] = await em.execute<Array<{ n: string }>>(`select nextval('order_number_seq')::text as n`);
    const now = new Date();
    const o = em.create(Order, {
      id: randomUUID(), orderNo: formatOrderNumber(2026, BigInt(n)), sellerId, paidAmount: '0.00',
      lifecycleStatus: 'SUBMITTED', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED', cancelReason: null, createdAt: now, updatedAt: now, submittedAt: now, cancelledAt: null,
    } as OrderEntity);
    assignDraft(o, validateOrder(buildOrderInput(overrides)));
    await em.flush();
    return o.orderNo;
  }
  const twoLines = { lines: [buildOrderInput().lines[0], { name: 'Driver', sku: 'DR-1', hsCode: '850440', quantity: 20, unit: 'PCS', unitPrice: '10.00' }], milestones: [{ kind: 'BALANCE' as const, amount: '6400.00', dueDate: '2027-01-15', preShipment: false }] };
  const logistics = (trackingNo: string) => ({ carrier: 'MAERSK', trackingNo, shipDate: '2026-12-18' });
  const customs = { declarationNo: '310420261000123456', declaredValue: '2480.00', currency: 'USD', port: 'CNNGB' };
  const logisticsEvent = (orderNo: string, eventId: string, type: string, occurredAt: string, trackingNo: string) => ({ eventId, orderNo, trackingNo, carrier: 'MAERSK', type, occurredAt, location: 'Ningbo' });

  beforeAll(async () => {
    const db = await freshDatabase('fulfillment');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    sellerId = (await new DecideSeller(orm).approve((await new ApplySeller(orm).execute({ legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@example.cn' })).sellerId)).sellerId;
    seller = { tokenId: 's', name: 'seller', role: 'seller', sellerId };
    const registry = new HandlerRegistry();
    new LogisticsEventsConsumer(registry).onModuleInit();
    new ExportBillsConsumer(registry).onModuleInit();
    new FxRatesConsumer(registry).onModuleInit();
    options = { consumer: 'fulfillment-int-test', handlerFor: (topic) => registry.get(topic) };
  });

  afterAll(async () => orm?.close());

  it('SELF_EXPORT: partial shipments, never more than ordered minus shipped, order.shipped once everything is in a shipment', async () => {
    const orderNo = await submittedOrder(twoLines);
    const create = new CreateShipment(orm);
    const first = await create.execute(orderNo, { items: [{ line: 0, quantity: 200 }], logistics: logistics('TRK-A'), customs }, seller);
    expect(first).toMatchObject({ shipmentNo: `${orderNo}-S1`, status: 'AWAITING_PICKUP', items: [{ line: 0, quantity: 200, hsCode: '940542' }], declared: { amount: '2480.00', currency: 'USD' } });
    expect((await order(orderNo)).fulfilmentStatus).toBe('PARTLY_SHIPPED');
    await expect(create.execute(orderNo, { items: [{ line: 0, quantity: 301 }], logistics: logistics('TRK-B'), customs }, seller)).rejects.toMatchObject({ code: 'FULFILLMENT.QUANTITY_EXCEEDS', kind: 'conflict' });
    await expect(create.execute(orderNo, { items: [{ line: 0, quantity: 300 }], logistics: logistics('TRK-B') }, seller)).rejects.toMatchObject({ code: 'FULFILLMENT.INVALID', message: expect.stringContaining('customs:') });
    await expect(create.execute(orderNo, { items: [{ line: 0, quantity: 1 }], logistics: logistics('T'), customs }, { ...seller, sellerId: randomUUID() })).rejects.toMatchObject({ code: 'ORDERS.NOT_FOUND' });
    await create.execute(orderNo, { items: [{ line: 0, quantity: 300 }, { line: 1, quantity: 20 }], logistics: logistics('TRK-B'), customs: { ...customs, declaredValue: '3920.00' } }, seller);
    expect((await order(orderNo)).fulfilmentStatus).toBe('SHIPPED');
    expect((await events(orderNo)).map((e) => e.type)).toEqual(['ereceipt.shipment.created.v1', 'ereceipt.order.shipped.v1', 'ereceipt.shipment.created.v1']);
    expect((await view(orderNo)).lines).toEqual([{ line: 0, ordered: 500, shipped: 500, left: 0 }, { line: 1, ordered: 20, shipped: 20, left: 0 }]);
    expect((await view(orderNo)).declaredGoodsValue).toMatchObject({ currency: 'USD', amount: '6400.00', complete: true });
  });

  it('logistics events shuffled and duplicated (another envelope, same eventId) converge; delivery of a paid order completes it', async () => {
    const orderNo = await submittedOrder();
    await new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], logistics: logistics('TRK-C'), customs: { ...customs, declaredValue: '6200.00' } }, seller);
    await orm.em.fork().nativeUpdate(Order, { orderNo }, { paymentStatus: 'PAID', paidAmount: '6200.00' });
    const seq = [
      logisticsEvent(orderNo, `${orderNo}-1`, 'PICKED_UP', '2026-12-18T02:00:00Z', 'TRK-C'),
      logisticsEvent(orderNo, `${orderNo}-2`, 'CUSTOMS_CLEARED', '2026-12-18T09:00:00Z', 'TRK-C'),
      logisticsEvent(orderNo, `${orderNo}-3`, 'DEPARTED', '2026-12-19T01:00:00+08:00', 'TRK-C'),
      logisticsEvent(orderNo, `${orderNo}-4`, 'DELIVERED', '2027-01-10T07:00:00Z', 'TRK-C'),
    ];
    const [pickedUp, cleared, departed, delivered] = seq.map((e) => record(inboundTopics.logisticsEvents, e, orderNo));
    const resent = record(inboundTopics.logisticsEvents, `  ${JSON.stringify({ ...seq[0], location: 'NINGBO DC' })}`, 'another-key');
    expect((await send(delivered, departed, pickedUp)).map((o) => o.status)).toEqual(['processed', 'processed', 'processed']);
    expect((await order(orderNo)).lifecycleStatus).toBe('COMPLETED');
    // The re-sent PICKED_UP in another envelope reaches the handler (deduped there on eventId); the
    // byte-identical DELIVERED is already recognised by the pipeline's content hash.
    expect((await send(resent, cleared, record(inboundTopics.logisticsEvents, seq[3], orderNo))).map((o) => o.status)).toEqual(['processed', 'processed', 'duplicate']);
    expect(await query(`select count(*)::int as n from tracking_event where order_id = (select id from ereceipt_order where order_no = ?)`, [orderNo])).toEqual([{ n: 4 }]);

    const v = await view(orderNo);
    expect(v).toMatchObject({ fulfilmentStatus: 'DELIVERED', lifecycleStatus: 'COMPLETED' });
    expect(v.shipments[0]).toMatchObject({ status: 'DELIVERED', exceptionOpen: false, milestones: { PICKED_UP: '2026-12-18T02:00:00.000Z', DEPARTED: '2026-12-18T17:00:00.000Z', DELIVERED: '2027-01-10T07:00:00.000Z' } });
    expect(v.shipments[0].history.map((h) => h.type)).toEqual(['PICKED_UP', 'CUSTOMS_CLEARED', 'DEPARTED', 'DELIVERED']);
    const types = (await events(orderNo)).map((e) => e.type);
    expect(types.filter((t) => t === 'ereceipt.order.completed.v1')).toHaveLength(1);
    expect(types.filter((t) => t === 'ereceipt.order.shipped.v1')).toHaveLength(1);
    // DELIVERED arrived first: the later, earlier-happened events change nothing a consumer sees.
    expect((await events(orderNo)).filter((e) => e.type === 'ereceipt.shipment.updated.v1').map((e) => e.payload.status)).toEqual(['DELIVERED']);
    const completed = (await events(orderNo)).find((e) => e.type === 'ereceipt.order.completed.v1');
    expect(completed).toMatchObject({ topic: 'hub.orders', payload: { orderNo, reason: 'PAID_AND_DELIVERED', paidAmount: '6200.00' } });
    expect((await order(orderNo)).completedAt).toBeInstanceOf(Date);
  });

  it('unknown order, bad JSON, an unknown type -> DLQ with the reason; events before their shipment wait and are adopted', async () => {
    const outcomes = await send(
      record(inboundTopics.logisticsEvents, logisticsEvent('EO-2026-999999', 'x-1', 'PICKED_UP', '2026-12-18T02:00:00Z', 'T')),
      record(inboundTopics.logisticsEvents, '{"eventId":'),
      record(inboundTopics.logisticsEvents, { ...logisticsEvent('EO-2026-000001', 'x-2', 'LOST', '2026-12-18T02:00:00Z', 'T') }),
    );
    expect(outcomes).toMatchObject([
      { status: 'dead-lettered', code: 'FULFILLMENT.UNKNOWN_ORDER', message: expect.stringContaining('EO-2026-999999') },
      { status: 'dead-lettered', code: 'FULFILLMENT.INVALID_EVENT', message: expect.stringMatching(/^not JSON/) },
      { status: 'dead-lettered', code: 'FULFILLMENT.INVALID_EVENT', message: expect.stringMatching(/^type:/) },
    ]);
    expect(await query(`select count(*)::int as n from outbox_event where topic = 'logistics.events.dlq'`)).toEqual([{ n: 3 }]);

    const orderNo = await submittedOrder();
    await send(record(inboundTopics.logisticsEvents, logisticsEvent(orderNo, `${orderNo}-early`, 'PICKED_UP', '2026-12-18T02:00:00Z', 'TRK-E')));
    expect((await view(orderNo)).unattachedEvents).toHaveLength(1);
    const s = await new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], logistics: logistics('TRK-E'), customs }, seller);
    expect(s).toMatchObject({ status: 'PICKED_UP', history: [{ eventId: `${orderNo}-early` }] });
    expect((await view(orderNo)).unattachedEvents).toEqual([]);
  });

  it('ONE_STOP_EXPORT: draft requested, the bill answers with a CNY value; converted with the rate in force, never guessed without one', async () => {
    const orderNo = await submittedOrder({ exportMethod: 'ONE_STOP_EXPORT' });
    await expect(new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], customs }, seller)).rejects.toMatchObject({ code: 'FULFILLMENT.INVALID' });
    const s = await new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], exportBill: { requestDraft: true } }, seller);
    expect(s.exportBill).toEqual({ billNo: null, status: 'REQUESTED', declaredValue: null, currency: null, declaredAt: null });
    const requested = (await events(orderNo)).find((e) => e.type === 'ereceipt.export-bill.draft-requested.v1');
    expect(requested).toMatchObject({ topic: 'hub.fulfillment', payload: { orderNo, shipmentNo: `${orderNo}-S1`, goodsValue: '6200.00', currency: 'USD' } });
    expect(await declaredGoodsValue(orm.em.fork(), (await order(orderNo)).id)).toMatchObject({ amount: '0.00', complete: false, awaiting: [`${orderNo}-S1`] });

    const bill = { billNo: `OSB-${orderNo}`, orderNo, status: 'DECLARED', declaredValue: '44020.00', currency: 'CNY', declaredAt: '2026-12-19T08:00:00Z' };
    expect(await send(record(inboundTopics.exportOneStopBills, bill, orderNo))).toMatchObject([{ status: 'processed' }]);
    const noRate = await declaredGoodsValue(orm.em.fork(), (await order(orderNo)).id);
    expect(noRate).toMatchObject({ amount: '0.00', complete: false, unconverted: [{ declared: { amount: '44020.00', currency: 'CNY' }, converted: null }] });

    // Rates: USD/CNY published (inverse needed), one later than the declaration (not in force then), one invalid -> DLQ.
    const outcomes = await send(
      record(inboundTopics.bankFxRates, { base: 'USD', quote: 'CNY', rate: '7.1000', validFrom: '2026-12-19T00:00:00Z', source: 'BANK' }),
      record(inboundTopics.bankFxRates, { base: 'USD', quote: 'CNY', rate: '9.0000', validFrom: '2026-12-20T00:00:00Z', source: 'BANK' }),
      record(inboundTopics.bankFxRates, { base: 'USD', quote: 'CNY', rate: 7.1, validFrom: '2026-12-19', source: 'BANK' }),
    );
    expect(outcomes.map((o) => (o.status === 'dead-lettered' ? o.code : o.status))).toEqual(['processed', 'processed', 'RATES.INVALID']);
    expect(await rateInForce(orm.em.fork(), 'CNY', 'USD', new Date('2026-12-19T08:00:00Z'))).toMatchObject({ rate: '0.14084507042253521127', inverted: true });
    const value = await declaredGoodsValue(orm.em.fork(), (await order(orderNo)).id);
    // 44020.00 x 0.14084507042253521127 = 6200.0000... -> 6200.00
    expect(value).toMatchObject({ currency: 'USD', amount: '6200.00', complete: true, parts: [{ source: 'EXPORT_BILL', converted: '6200.00', rate: { inverted: true, source: 'BANK' } }] });

    // An older answer arriving late is stale; a bill of another order or for a SELF_EXPORT order -> DLQ.
    await send(record(inboundTopics.exportOneStopBills, { ...bill, status: 'DRAFTED', declaredValue: '1.00', declaredAt: '2026-12-18T08:00:00Z' }, orderNo));
    expect((await view(orderNo)).shipments[0].exportBill).toMatchObject({ status: 'DECLARED', declaredValue: '44020.00' });
    const other = await submittedOrder({ exportMethod: 'ONE_STOP_EXPORT' });
    const selfOrder = await submittedOrder();
    expect(await send(record(inboundTopics.exportOneStopBills, { ...bill, orderNo: other }), record(inboundTopics.exportOneStopBills, { ...bill, billNo: 'OSB-X', orderNo: selfOrder }))).toMatchObject([
      { status: 'dead-lettered', code: 'FULFILLMENT.BILL_OF_ANOTHER_ORDER' },
      { status: 'dead-lettered', code: 'FULFILLMENT.NOT_ONE_STOP' },
    ]);
  });

  it('ship-date deadline: flags once (event, holds crediting), a re-run changes nothing, logistics clears it', async () => {
    const late = await submittedOrder({ expectedShipDate: '2026-11-01' });
    const onTime = await submittedOrder({ expectedShipDate: '2026-11-01' });
    await new CreateShipment(orm).execute(onTime, { items: [{ line: 0, quantity: 100 }], logistics: logistics('TRK-OT'), customs }, seller);
    const due = new Date('2026-11-02T00:15:00Z');
    const flagged = await flagMissedShipDates(orm.em.fork(), due, due);
    expect(flagged).toContain(late);
    expect(flagged).not.toContain(onTime);
    expect(await flagMissedShipDates(orm.em.fork(), due, due)).toEqual([]);
    expect((await events(late)).map((e) => e.type)).toEqual(['ereceipt.order.ship-date-missed.v1']);
    const lateId = (await order(late)).id;
    expect(await creditingHeld(orm.em.fork(), lateId)).toBe(true);
    await send(record(inboundTopics.logisticsEvents, logisticsEvent(late, `${late}-p`, 'PICKED_UP', '2026-11-03T02:00:00Z', 'TRK-L')));
    expect(await creditingHeld(orm.em.fork(), lateId)).toBe(false);
    expect((await view(late)).flags).toMatchObject([{ kind: 'SHIP_DATE_MISSED', open: false }]);
  });

  it('buyer receipt confirmation: refused before everything shipped; completes a paid shipped order once', async () => {
    const orderNo = await submittedOrder();
    const confirm = new ConfirmReceipt(orm);
    await expect(confirm.execute(orderNo, { address: '203.0.113.9', userAgent: 'test' })).rejects.toMatchObject({ code: 'FULFILLMENT.NOT_SHIPPED', kind: 'conflict' });
    await new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], logistics: logistics('TRK-R'), customs }, seller);
    await orm.em.fork().nativeUpdate(Order, { orderNo }, { paymentStatus: 'PAID', paidAmount: '6200.00' });
    expect(await confirm.execute(orderNo, { address: '203.0.113.9', userAgent: 'test' })).toMatchObject({ completed: true, alreadyConfirmed: false, lifecycleStatus: 'COMPLETED' });
    expect(await confirm.execute(orderNo, { address: '203.0.113.9', userAgent: 'test' })).toMatchObject({ completed: true, alreadyConfirmed: true });
    expect((await events(orderNo)).filter((e) => e.type === 'ereceipt.order.completed.v1').map((e) => e.payload.reason)).toEqual(['RECEIPT_CONFIRMED']);
    expect(await order(orderNo)).toMatchObject({ fulfilmentStatus: 'DELIVERED', lifecycleStatus: 'COMPLETED' });
  });

  it('paid after delivery: the completion sweep completes it once (the backstop for the payments side)', async () => {
    const orderNo = await submittedOrder();
    await new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 500 }], logistics: logistics('TRK-LATE-PAY'), customs }, seller);
    await send(record(inboundTopics.logisticsEvents, logisticsEvent(orderNo, `${orderNo}-d`, 'DELIVERED', '2027-01-10T07:00:00Z', 'TRK-LATE-PAY')));
    expect(await order(orderNo)).toMatchObject({ fulfilmentStatus: 'DELIVERED', lifecycleStatus: 'SUBMITTED' });
    expect(await completeFinishedOrders(orm.em.fork(), new Date())).not.toContain(orderNo);
    // The payments side marks it PAID without completing it.
    await orm.em.fork().nativeUpdate(Order, { orderNo }, { paymentStatus: 'PAID', paidAmount: '6200.00' });
    expect(await completeFinishedOrders(orm.em.fork(), new Date())).toContain(orderNo);
    expect(await completeFinishedOrders(orm.em.fork(), new Date())).toEqual([]);
    expect((await events(orderNo)).filter((e) => e.type === 'ereceipt.order.completed.v1').map((e) => e.payload.reason)).toEqual(['PAID_AND_DELIVERED']);
  });

  it('two shipments of the rest at the same time: the order lock lets one through, the other gets 409', async () => {
    const orderNo = await submittedOrder();
    const ship = (trackingNo: string) => new CreateShipment(orm).execute(orderNo, { items: [{ line: 0, quantity: 300 }], logistics: logistics(trackingNo), customs }, seller);
    const results = await Promise.allSettled([ship('TRK-P1'), ship('TRK-P2')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'FULFILLMENT.QUANTITY_EXCEEDS' } });
    expect((await view(orderNo)).lines).toEqual([{ line: 0, ordered: 500, shipped: 300, left: 200 }]);
  });
});
