import { randomInt, randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { signLink } from '@ereceipt/notifications';
import { buildMt103, buildOrderInput, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';



/** A deterministic shuffle (the seed is printed on failure through the test name). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const SEED = randomInt(1, 2 ** 31 - 1);


/**
 * Issue 6 end to end on the real hub, Kafka and PostgreSQL: a SELF_EXPORT order shipped in two
 * parts and a ONE_STOP_EXPORT order whose bill this test drafts (playing the one-stop export service
 * on hub.fulfillment -> export.one-stop-bills), both paid by real MT103 wires (matching), then
 * delivered by logistics events sent shuffled and duplicated (byte-identical and in another
 * envelope); both complete. A third order completes by the buyer's receipt confirmation.
 */
describe(`fulfillment: shipments, logistics events shuffled and duplicated, export bills, completion (real hub, Kafka, PostgreSQL; seed ${SEED})`, () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toLowerCase();
  const secret = `fulfillment-secret-${run}-0123456789abcdef`;
  const tokens = { admin: '', finance: '', seller: '', connector: '' };
  let sellerId = '';
  let account = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  // Other suites' hubs publish on the same topics: count only events keyed by this run's order numbers (numbered from a random start).
  const mine = (topic: string, orderNo: string, type?: string) => tap.on(topic).filter((m) => m.key === orderNo && (!type || m.headers.ce_type === type));
  const orders = { self: '', oneStop: '', receipt: '', late: '' };

  beforeAll(async () => {
    db = await freshDatabase(`fulfillment_${run}`);
    // Order numbers from a random start: another hub consuming the same logistics.events cannot hold these orders.
    await db.pool.query(`select setval('order_number_seq', $1)`, [randomInt(100_000, 900_000)]);
    tap = await new KafkaTap().start(['hub.orders', 'hub.fulfillment', 'logistics.events.dlq']);
    kafka = await producer();
    tokens.admin = token('admin');
    tokens.finance = token('finance');
    tokens.connector = token('connector');
    await groupAtTheEnd(`fulfillment-${run}`);
    hub = await HubProcess.create('fulfillment', { DATABASE_URL: db.url, KAFKA_GROUP_ID: `fulfillment-${run}`, HUB_SECRET: secret });
    await hub.start();
    const applied = await call('POST', '/sellers/applications', { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'finance@example.cn' }, tokens.admin);
    sellerId = applied.body.sellerId as string;
    const approved = await call('POST', `/sellers/${sellerId}/approve`, undefined, tokens.admin);
    account = approved.body.collectionAccounts[0].accountNumber as string;
    tokens.seller = token('seller', sellerId);
    for (const [kind, exportMethod] of [['self', 'SELF_EXPORT'], ['oneStop', 'ONE_STOP_EXPORT'], ['receipt', 'SELF_EXPORT'], ['late', 'SELF_EXPORT']] as const) {
      const drafted = await call('POST', '/orders', { ...buildOrderInput({ exportMethod }), externalOrderId: `FUL-${run}-${kind}` });
      expect(drafted.status).toBe(201);
      orders[kind] = drafted.body.orderNo as string;
      expect((await call('POST', `/orders/${orders[kind]}/submit`)).body.lifecycleStatus).toBe('SUBMITTED');
    }
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await kafka?.disconnect();
    await tap?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  /** A wire for the full amount quoting the order number, through the bank-file intake (same path as the bank topics). */
  const pay = async (orderNo: string, i: number) => {
    const valueDate = new Date().toISOString().slice(2, 10).replace(/-/g, '');
    const file = buildMt103({ ref: `F${run}${i}`.toUpperCase(), valueDate, currency: 'USD', amount: '6200,00', beneficiaryAccount: account, remittanceInfo: [`PAYMENT FOR ORDER ${orderNo}`], chargeBearer: 'OUR' });
    const post = () => fetch(`${hub.baseUrl}/api/v1/bank-files?format=mt103`, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens.connector}` } });
    // A keep-alive socket the server closed while a token was being created fails before the request is sent: send it again.
    const res = await post().catch(post);
    expect(res.status).toBe(201);
  };
  const logistics = (trackingNo: string) => ({ carrier: 'MAERSK', trackingNo, shipDate: '2026-12-18' });
  const customs = (declaredValue: string) => ({ declarationNo: `DEC-${run}-${declaredValue}`, declaredValue, currency: 'USD', port: 'CNNGB' });

  it('SELF_EXPORT over HTTP: two partial shipments; 400 naming the field, 409 beyond what is left, roles', async () => {
    const { self } = orders;
    expect((await call('POST', `/orders/${self}/shipments`, { items: [{ line: 0, quantity: 200 }], logistics: logistics(`TRK-${run}-A`) })).body).toMatchObject({ statusCode: 400, code: 'FULFILLMENT.INVALID', message: expect.stringContaining('customs:') });
    const first = await call('POST', `/orders/${self}/shipments`, { items: [{ line: 0, quantity: 200 }], logistics: logistics(`TRK-${run}-A`), customs: customs('2480.00') });
    expect(first).toMatchObject({ status: 201, body: { shipmentNo: `${self}-S1`, status: 'AWAITING_PICKUP', items: [{ line: 0, quantity: 200, hsCode: '940542' }] } });
    expect((await call('POST', `/orders/${self}/shipments`, { items: [{ line: 0, quantity: 301 }], logistics: logistics(`TRK-${run}-B`), customs: customs('3720.00') })).body).toMatchObject({ statusCode: 409, code: 'FULFILLMENT.QUANTITY_EXCEEDS' });
    expect((await call('POST', `/orders/${self}/shipments`, { items: [{ line: 0, quantity: 300 }], logistics: logistics(`TRK-${run}-B`), customs: customs('3720.00') }, tokens.finance)).status).toBe(403);
    expect((await call('POST', `/orders/${self}/shipments`, { items: [{ line: 0, quantity: 300 }], logistics: logistics(`TRK-${run}-B`), customs: customs('3720.00') })).status).toBe(201);
    const read = await call('GET', `/orders/${self}/shipments`, undefined, tokens.finance);
    expect(read.body).toMatchObject({ fulfilmentStatus: 'SHIPPED', lines: [{ ordered: 500, shipped: 500, left: 0 }], declaredGoodsValue: { currency: 'USD', amount: '6200.00', complete: true } });
    await waitFor(async () => mine('hub.orders', self, 'ereceipt.order.shipped.v1').length === 1, 'order.shipped on hub.orders', 60_000);
    await waitFor(async () => mine('hub.fulfillment', self, 'ereceipt.shipment.created.v1').length === 2, 'two shipment.created on hub.fulfillment', 60_000);
    expect(mine('hub.fulfillment', self, 'ereceipt.shipment.created.v1').map((m) => m.headers.ce_subject)).toEqual([`${self}-S1`, `${self}-S2`]);
  });

  it('ONE_STOP_EXPORT: a draft request on hub.fulfillment; the one-stop service answers with a CNY bill; converted with the rates feed', async () => {
    const { oneStop } = orders;
    const shipped = await call('POST', `/orders/${oneStop}/shipments`, { items: [{ line: 0, quantity: 500 }], exportBill: { requestDraft: true } });
    expect(shipped).toMatchObject({ status: 201, body: { exportBill: { status: 'REQUESTED', billNo: null }, trackingNo: null } });
    const [request] = await waitFor(async () => mine('hub.fulfillment', oneStop, 'ereceipt.export-bill.draft-requested.v1').length > 0 && mine('hub.fulfillment', oneStop, 'ereceipt.export-bill.draft-requested.v1'), 'the draft request', 60_000);
    const asked = request.json<{ shipmentNo: string; goodsValue: string; currency: string }>();
    expect(asked).toMatchObject({ shipmentNo: `${oneStop}-S1`, goodsValue: '6200.00', currency: 'USD' });

    // The one-stop service declares in CNY; the bank publishes USD/CNY (the hub needs CNY -> USD: the inverse).
    const billNo = `OSB-${run}`;
    await kafka.send({ topic: 'bank.fx-rates', messages: [{ key: 'USD/CNY', value: JSON.stringify({ base: 'USD', quote: 'CNY', rate: '7.1000', validFrom: '2026-01-01T00:00:00Z', source: `E2E-${run}` }) }] });
    await kafka.send({ topic: 'export.one-stop-bills', messages: [{ key: oneStop, value: JSON.stringify({ billNo, orderNo: oneStop, status: 'DECLARED', declaredValue: '44020.00', currency: 'CNY', declaredAt: new Date().toISOString() }) }] });
    const view = await waitFor(async () => {
      const v = (await call('GET', `/orders/${oneStop}/shipments`)).body;
      return v.declaredGoodsValue?.complete === true && v;
    }, 'the bill value converted to USD', 90_000);
    expect(view.shipments[0].exportBill).toMatchObject({ billNo, status: 'DECLARED', declaredValue: '44020.00', currency: 'CNY' });
    expect(view.declaredGoodsValue).toMatchObject({ currency: 'USD', amount: '6200.00', parts: [{ source: 'EXPORT_BILL', converted: '6200.00', rate: { inverted: true } }] });
    await waitFor(async () => mine('hub.fulfillment', oneStop, 'ereceipt.shipment.updated.v1').some((m) => m.json<{ change: string }>().change === 'EXPORT_BILL'), 'shipment.updated for the bill', 60_000);
  });

  it('three orders are paid by MT103 wires quoting the order number (real matching, through POST /bank-files)', async () => {
    // Through the HTTP intake rather than bank.remittance.mt103: this hub reads every inbound topic from
    // the beginning into its own database, and that topic's history (benchmarks) would take minutes.
    for (const [i, orderNo] of [orders.self, orders.oneStop, orders.receipt].entries()) await pay(orderNo, i);
    for (const orderNo of [orders.self, orders.oneStop, orders.receipt]) {
      await waitFor(async () => (await call('GET', `/orders/${orderNo}`)).body.paymentStatus === 'PAID', `${orderNo} PAID`, 60_000);
    }
  });

  it('logistics events shuffled and duplicated (same bytes, and another envelope) deliver both orders; each completes once; an unknown order goes to the DLQ', async () => {
    const { self, oneStop } = orders;
    const journey = ['PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED'];
    const base = Date.parse('2026-12-18T00:00:00Z');
    const eventsFor = (orderNo: string, trackingNo: string, offsetHours: number) =>
      journey.map((type, i) => ({ eventId: `${trackingNo}-${i}`, orderNo, trackingNo, carrier: 'MAERSK', type, occurredAt: new Date(base + (offsetHours + i * 12) * 3_600_000).toISOString(), location: `hop ${i}` }));
    const all = [
      ...eventsFor(self, `TRK-${run}-A`, 0),
      ...eventsFor(self, `TRK-${run}-B`, 5),
      // The one-stop shipment has no tracking number yet: it adopts the carrier's from the first event.
      ...eventsFor(oneStop, `OSTRK-${run}`, 2),
      { eventId: `TRK-${run}-B-x`, orderNo: self, trackingNo: `TRK-${run}-B`, carrier: 'MAERSK', type: 'EXCEPTION', occurredAt: new Date(base + 30 * 3_600_000).toISOString(), location: 'port congestion' },
    ];
    const unknownOrder = `EO-1999-${String(randomInt(100_000, 999_999))}`;
    const messages = shuffle(all, SEED).flatMap((e, i) => {
      const original = { key: e.orderNo, value: JSON.stringify(e) };
      if (i % 3 === 0) return [original, original]; // byte-identical re-send
      if (i % 3 === 1) return [original, { key: `${e.carrier}:${e.trackingNo}`, value: JSON.stringify({ ...e, location: `${e.location} (re-sent)` }, null, 2) }]; // another envelope, same eventId
      return [original];
    });
    messages.splice(SEED % messages.length, 0, { key: unknownOrder, value: JSON.stringify({ eventId: `${run}-unknown`, orderNo: unknownOrder, trackingNo: 'T', carrier: 'MAERSK', type: 'PICKED_UP', occurredAt: new Date(base).toISOString() }) });
    const shuffled = shuffle(messages, SEED + 1);
    for (let i = 0; i < shuffled.length; i += 7) await kafka.send({ topic: 'logistics.events', messages: shuffled.slice(i, i + 7) });

    for (const orderNo of [self, oneStop]) {
      await waitFor(async () => (await call('GET', `/orders/${orderNo}`)).body.lifecycleStatus === 'COMPLETED', `${orderNo} COMPLETED`, 120_000);
    }
    // Completion can come from the first DELIVERED to arrive (the events are shuffled): wait until every
    // event of the three journeys is stored before reading the histories.
    const histories = async (orderNo: string) => ((await call('GET', `/orders/${orderNo}/shipments`)).body.shipments as Array<{ history: unknown[] }>).map((x) => x.history.length);
    await waitFor(async () => JSON.stringify(await histories(self)) === '[6,7]' && JSON.stringify(await histories(oneStop)) === '[6]', 'every logistics event stored', 120_000);
    const selfView = (await call('GET', `/orders/${self}/shipments`)).body;
    expect(selfView).toMatchObject({ fulfilmentStatus: 'DELIVERED', lifecycleStatus: 'COMPLETED' });
    const selfShipments = selfView.shipments as Array<{ status: string; exceptionOpen: boolean; history: Array<{ type: string }> }>;
    expect(selfShipments.map((s) => [s.status, s.exceptionOpen, s.history.length])).toEqual([
      ['DELIVERED', false, 6],
      ['DELIVERED', false, 7],
    ]);
    expect(selfShipments[0]?.history.map((h) => h.type)).toEqual(journey);
    const oneStopView = (await call('GET', `/orders/${oneStop}/shipments`)).body;
    expect(oneStopView.shipments[0]).toMatchObject({ status: 'DELIVERED', trackingNo: `OSTRK-${run}`, history: journey.map((type) => ({ type })) });
    expect((await call('GET', `/orders/${self}`)).body.completedAt).toEqual(expect.any(String));

    for (const orderNo of [self, oneStop]) {
      const [completed] = await waitFor(async () => mine('hub.orders', orderNo, 'ereceipt.order.completed.v1').length > 0 && mine('hub.orders', orderNo, 'ereceipt.order.completed.v1'), `order.completed for ${orderNo}`, 60_000);
      expect(completed.json()).toMatchObject({ orderNo, sellerId, reason: 'PAID_AND_DELIVERED', paidAmount: '6200.00' });
    }
    // Let the relay drain, then count: exactly one completion and one shipped per order, whatever the duplicates.
    await new Promise((r) => setTimeout(r, 3000));
    for (const orderNo of [self, oneStop]) {
      expect(mine('hub.orders', orderNo, 'ereceipt.order.completed.v1')).toHaveLength(1);
      expect(mine('hub.orders', orderNo, 'ereceipt.order.shipped.v1')).toHaveLength(1);
      const updates = mine('hub.fulfillment', orderNo, 'ereceipt.shipment.updated.v1').map((m) => m.json<{ change: string; status: string; shipmentNo: string }>()).filter((u) => u.change === 'TRACKING');
      // Monotonic: per shipment, the published statuses only move forward and end DELIVERED.
      const order = ['AWAITING_PICKUP', ...journey];
      for (const shipmentNo of new Set(updates.map((u) => u.shipmentNo))) {
        const statuses = updates.filter((u) => u.shipmentNo === shipmentNo).map((u) => order.indexOf(u.status));
        expect([...statuses].sort((a, b) => a - b)).toEqual(statuses);
        expect(statuses.at(-1)).toBe(order.indexOf('DELIVERED'));
      }
    }
    const { rows: stored } = await db.pool.query<{ n: number }>(`select count(*)::int as n from tracking_event`);
    expect(stored).toEqual([{ n: all.length }]);

    // The unknown order: dead-lettered here with the reason (other suites' hubs dead-letter their own copies too).
    const { rows } = await db.pool.query<{ status: string }>(`select status from inbound_message where topic = 'logistics.events' and key = $1`, [unknownOrder]);
    expect(rows).toEqual([{ status: 'DEAD_LETTERED' }]);
    const dlq = await waitFor(async () => tap.on('logistics.events.dlq').find((m) => m.key === unknownOrder && m.headers['error-code'] === 'FULFILLMENT.UNKNOWN_ORDER'), 'the unknown order on logistics.events.dlq', 60_000);
    expect(dlq.headers['error-message']).toContain(unknownOrder);
  });

  it('the buyer confirms receipt with the signed link: a paid, shipped order completes (RECEIPT_CONFIRMED)', async () => {
    const { receipt } = orders;
    const t = signLink({ purpose: 'buyer-order', subject: receipt, expiresAt: new Date(Date.now() + 3_600_000) }, secret);
    const confirm = (body: unknown) => fetch(`${hub.baseUrl}/api/v1/buyer/orders/${receipt}/receipt-confirmation`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    expect(await (await confirm({ t })).json()).toMatchObject({ statusCode: 409, code: 'FULFILLMENT.NOT_SHIPPED' });
    expect((await call('POST', `/orders/${receipt}/shipments`, { items: [{ line: 0, quantity: 500 }], logistics: logistics(`TRK-${run}-R`), customs: customs('6200.00') })).status).toBe(201);
    expect(await (await confirm({ t: `${t.slice(0, -2)}AA` })).json()).toMatchObject({ statusCode: 401 });
    expect(await (await confirm({ t })).json()).toMatchObject({ orderNo: receipt, completed: true, alreadyConfirmed: false, lifecycleStatus: 'COMPLETED' });
    const [completed] = await waitFor(async () => mine('hub.orders', receipt, 'ereceipt.order.completed.v1').length > 0 && mine('hub.orders', receipt, 'ereceipt.order.completed.v1'), 'order.completed after receipt', 60_000);
    expect(completed.json()).toMatchObject({ orderNo: receipt, reason: 'RECEIPT_CONFIRMED' });
  });

  it('delivered first, paid last: the order completes when the wire lands (completion sweep)', async () => {
    const { late } = orders;
    expect((await call('POST', `/orders/${late}/shipments`, { items: [{ line: 0, quantity: 500 }], logistics: logistics(`TRK-${run}-L`), customs: customs('6200.00') })).status).toBe(201);
    await kafka.send({ topic: 'logistics.events', messages: [{ key: late, value: JSON.stringify({ eventId: `TRK-${run}-L-5`, orderNo: late, trackingNo: `TRK-${run}-L`, carrier: 'MAERSK', type: 'DELIVERED', occurredAt: '2027-01-10T07:00:00Z' }) }] });
    await waitFor(async () => (await call('GET', `/orders/${late}`)).body.fulfilmentStatus === 'DELIVERED', `${late} DELIVERED`, 60_000);
    expect((await call('GET', `/orders/${late}`)).body.lifecycleStatus).toBe('SUBMITTED');
    await pay(late, 9);
    await waitFor(async () => (await call('GET', `/orders/${late}`)).body.lifecycleStatus === 'COMPLETED', `${late} COMPLETED after its payment`, 90_000);
    const [completed] = await waitFor(async () => mine('hub.orders', late, 'ereceipt.order.completed.v1').length > 0 && mine('hub.orders', late, 'ereceipt.order.completed.v1'), 'order.completed after the late payment', 60_000);
    expect(completed.json()).toMatchObject({ orderNo: late, reason: 'PAID_AND_DELIVERED' });
  });

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(db.url)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
