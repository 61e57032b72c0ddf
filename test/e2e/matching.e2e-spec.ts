import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { addAmounts } from '@ereceipt/money';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';
import { runCli } from '../support/cli';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';




/**
 * Issue #5 end to end: MT103s over Kafka are matched in the recording transaction; events on
 * hub.remittances and hub.orders; the remittance view and the manual association API over HTTP.
 * Other hubs consume the same inbound topics and number sellers and orders from 1 too, so this
 * suite's buyer name and amounts are its own (no other database can auto-associate them) and it
 * counts only events keyed by its own remittance ids and order numbers.
 */
describe('matching: MT103 over Kafka to associated orders (real hub, Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `QUILLFEATHER ${run.replace(/[0-9]/g, 'X')} TRADING LLC`;
  const tokens = { admin: '', finance: '', finance2: '', seller: '' };
  const today = new Date().toISOString().slice(0, 10);
  const yymmdd = today.slice(2).replace(/-/g, '');
  let va = '';
  let sellerId = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  const remittanceOf = async (ref: string) => waitFor(async () => (await db.pool.query<{ id: string; status: string }>('select id, status from remittance where message_ref = $1', [ref])).rows[0], `remittance ${ref}`, 90_000);
  // Every suite's hub numbers its orders from 1: an order's events are this run's when they carry its seller.
  const events = (topic: string, key: string) => tap.on(topic).filter((m) => m.key === key && (topic !== 'hub.orders' || m.json<{ sellerId?: string }>().sellerId === sellerId));
  const order = (deposit: string, balance: string) => ({
    buyer: { name: buyer, email: 'ap@quill.example', country: 'US' },
    currency: 'USD',
    lines: [{ name: 'Quill', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: addAmounts('USD', deposit, balance) }],
    milestones: [
      { kind: 'DEPOSIT', amount: deposit, dueDate: '2027-01-01', preShipment: true },
      { kind: 'BALANCE', amount: balance, dueDate: '2027-02-01', preShipment: false },
    ],
    incoterm: 'FOB',
    expectedShipDate: '2027-01-20',
    exportMethod: 'SELF_EXPORT',
  });
  const submitOrder = async (deposit: string, balance: string): Promise<string> => {
    const drafted = await call('POST', '/orders', order(deposit, balance));
    expect(drafted.status).toBe(201);
    expect((await call('POST', `/orders/${drafted.body.orderNo}/submit`)).status).toBe(200);
    return drafted.body.orderNo as string;
  };

  beforeAll(async () => {
    db = await freshDatabase(`matching_${run.toLowerCase()}`);
    tap = await new KafkaTap().start(['hub.remittances', 'hub.orders']);
    kafka = await producer();
    tokens.admin = token('admin');
    tokens.finance = token('finance');
    tokens.finance2 = token('finance');
    const groupId = `e2e-matching-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('matching', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: '45000' });
    await hub.start();
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: `warm-${run}`, value: buildMt103({ ref: `WARM-${run}` }) }] });
    await remittanceOf(`WARM-${run}`);
    const applied = await call('POST', '/sellers/applications', { legalName: 'QUILL EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@quill.example' }, tokens.admin);
    sellerId = applied.body.sellerId as string;
    const approved = await call('POST', `/sellers/${sellerId}/approve`, undefined, tokens.admin);
    va = (approved.body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    tokens.seller = token('seller', sellerId);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await tap?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('deposit then balance (less bank charges) over Kafka: associated automatically, order PAID, events on both topics', async () => {
    const orderNo = await submitOrder('1234.57', '2765.43');
    const [head, tail] = [orderNo.slice(0, 9), orderNo.slice(9)];
    const depositRef = `DEP-${run}`;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: run, value: buildMt103({ ref: depositRef, valueDate: yymmdd, amount: '1234,57', payerName: buyer, beneficiaryAccount: va, remittanceInfo: ['PAYMENT FOR ORDER', head, tail] }) }] });
    const deposit = await waitFor(async () => { const r = await remittanceOf(depositRef); return r.status === 'ASSOCIATED' && r; }, 'the deposit to be associated', 90_000);
    const view = await call('GET', `/remittances/${deposit.id}`);
    expect(view.body).toMatchObject({ status: 'ASSOCIATED', sellerId, decision: { outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF', ruleVersion: 'matching-rules/2' }, associations: [{ orderNo, amount: '1234.57', method: 'AUTO', status: 'APPROVED' }] });
    expect((await call('GET', `/orders/${orderNo}`)).body).toMatchObject({ paymentStatus: 'PARTLY_PAID', milestones: [{ paidAmount: '1234.57' }, { paidAmount: '0.00' }] });
    await waitFor(async () => events('hub.remittances', deposit.id).length >= 2, 'received + associated on hub.remittances', 60_000);
    expect(events('hub.remittances', deposit.id).map((m) => m.headers.ce_type)).toEqual(['ereceipt.remittance.received.v1', 'ereceipt.remittance.associated.v1']);

    const balanceRef = `BAL-${run}`;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: run, value: buildMt103({ ref: balanceRef, valueDate: yymmdd, amount: '2750,43', instructed: '2765,43', charges: ['15,00'], payerName: buyer, beneficiaryAccount: va, remittanceInfo: [`INV ${orderNo.toLowerCase().replace(/-/g, ' ')}`] }) }] });
    const balance = await waitFor(async () => { const r = await remittanceOf(balanceRef); return r.status === 'ASSOCIATED' && r; }, 'the balance to be associated', 90_000);
    const paid = await waitFor(async () => events('hub.orders', orderNo).find((m) => m.headers.ce_type === 'ereceipt.order.paid.v1'), 'order.paid on hub.orders', 60_000);
    expect(paid.json()).toMatchObject({ orderNo, sellerId, paidAmount: '3985.00', milestones: [{ paidAmount: '1234.57' }, { paidAmount: '2765.43' }] });
    expect((await call('GET', `/remittances/${balance.id}`, undefined, tokens.finance)).body).toMatchObject({ decision: { flags: ['BANK_CHARGES'] }, associations: [{ orderNo, amount: '2750.43', bankCharges: '15.00' }] });
    expect((await call('GET', `/orders/${orderNo}`)).body).toMatchObject({ paymentStatus: 'PAID' });
  });

  it('nothing quoted and two orders fit: suggested; associated by hand (409 with the reason first), listed and unbound over HTTP', async () => {
    const a = await submitOrder('501.11', '498.89');
    const b = await submitOrder('501.11', '1498.89');
    const ref = `SUG-${run}`;
    await kafka.send({ topic: 'bank.remittance.mt103', messages: [{ key: run, value: buildMt103({ ref, valueDate: yymmdd, amount: '501,11', payerName: buyer, beneficiaryAccount: va, remittanceInfo: ['GOODS'] }) }] });
    const r = await remittanceOf(ref);
    await waitFor(async () => Boolean((await call('GET', `/remittances/${r.id}`)).body.decision), 'the decision', 30_000);
    const view = await call('GET', `/remittances/${r.id}`);
    expect(view.body).toMatchObject({ status: 'PENDING_ASSOCIATION', decision: { outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_AMOUNT' }, associations: [] });
    expect((view.body.decision.candidates as Array<{ orderNo: string }>).map((c) => c.orderNo).sort()).toEqual([a, b].sort());
    await waitFor(async () => events('hub.remittances', r.id).some((m) => m.headers.ce_type === 'ereceipt.remittance.suggested.v1'), 'remittance.suggested', 60_000);

    const queue = await call('GET', `/remittances?status=PENDING_ASSOCIATION&sellerId=${sellerId}&minAmount=500&maxAmount=502`, undefined, tokens.finance);
    expect((queue.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([r.id]);

    const wrong = await call('POST', `/remittances/${r.id}/associations`, { allocations: [{ orderNo: a, amount: '500.00' }] });
    expect(wrong).toMatchObject({ status: 409, body: { code: 'MATCHING.AMOUNT_MISMATCH', message: expect.stringContaining('1.11 of the remittance would stay unallocated') } });
    expect((await call('POST', `/remittances/${r.id}/associations`, { allocations: [{ orderNo: 'nope', amount: '1' }] })).status).toBe(400);
    const done = await call('POST', `/remittances/${r.id}/associations`, { allocations: [{ orderNo: b, amount: '501.11' }] });
    expect(done).toMatchObject({ status: 201, body: { status: 'APPROVED', remittanceStatus: 'ASSOCIATED' } });
    expect((await call('GET', `/orders/${b}`)).body).toMatchObject({ paymentStatus: 'PARTLY_PAID' });
    expect((await call('POST', `/associations/${done.body.associationId}/approve`)).status).toBe(403);

    const unbound = await call('DELETE', `/remittances/${r.id}/associations/${done.body.associationId}`);
    expect(unbound).toMatchObject({ status: 200, body: { status: 'UNBOUND', remittanceStatus: 'PENDING_ASSOCIATION' } });
    expect((await call('GET', `/orders/${b}`)).body).toMatchObject({ paymentStatus: 'UNPAID', totals: { paidAmount: '0.00' } });
    await waitFor(async () => events('hub.remittances', r.id).some((m) => m.headers.ce_type === 'ereceipt.remittance.unbound.v1'), 'remittance.unbound', 60_000);
  });

  it('matching settings over HTTP: the seller sets its tolerance, finance the review policy; a bad value names the field', async () => {
    const path = `/sellers/${sellerId}/matching-settings`;
    expect((await call('GET', path)).body).toMatchObject({ sellerId, chargeTolerance: { percent: '1', absolute: '50' }, reviewPolicy: 'ONLY_FLAGGED', defaults: true });
    const bad = await call('PUT', path, { chargeTolerance: { percent: '12', absolute: '50' } });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringContaining('chargeTolerance.percent must be a decimal string from 0 to 10') } });
    expect(await call('PUT', path, { reviewPolicy: 'ALWAYS' })).toMatchObject({ status: 403, body: { code: 'MATCHING.FINANCE_ONLY' } });
    expect((await call('PUT', path, { chargeTolerance: { percent: '0.5', absolute: '20' }, note: 'we absorb less' })).body).toMatchObject({ chargeTolerance: { percent: '0.5', absolute: '20' }, defaults: false });
    // Four eyes: one finance token asks, another applies the same change.
    const asked = await call('PUT', path, { reviewPolicy: 'ALWAYS', note: 'month-end review' }, tokens.finance);
    expect(asked).toMatchObject({ status: 200, body: { reviewPolicy: 'ONLY_FLAGGED', pendingChange: { reviewPolicy: 'ALWAYS', requestedBy: expect.stringMatching(/^finance:token finance token #/) } } });
    expect(await call('PUT', path, { reviewPolicy: 'ALWAYS' }, tokens.finance)).toMatchObject({ status: 403, body: { code: 'FOUR_EYES.SAME_PERSON' } });
    const byFinance = await call('PUT', path, { reviewPolicy: 'ALWAYS' }, tokens.finance2);
    expect(byFinance).toMatchObject({ status: 200, body: { reviewPolicy: 'ALWAYS', chargeTolerance: { percent: '0.5', absolute: '20' }, pendingChange: null, history: [{ reviewPolicy: 'ALWAYS', note: 'month-end review', changedBy: expect.stringContaining('four eyes with finance:token finance token #') }, { reviewPolicy: 'ONLY_FLAGGED' }] } });
  });

  it('every association audit chain recomputes (ereceipt audit verify)', () => {
    expect(verifyAudit(db.url)).toBeGreaterThan(0);
  });

  it('a replay of everything the hub decided re-decides every wire the same way (ereceipt matching replay)', () => {
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(3);
    const out = runCli(db.url, ['matching', 'replay', '--from', '2000-01-01', '--to', '2099-12-31', '--format', 'json']);
    // The hand association was unbound again by the seller: refuted, nothing confirmed.
    expect((JSON.parse(out.stdout) as { labels: Record<string, number> }).labels).toMatchObject({ REFUTED: 1, CONFIRMED: 0 });
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(db.url);
  });
});
