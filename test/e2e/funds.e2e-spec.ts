import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { addAmounts } from '@ereceipt/money';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { inboundTopics } from '@ereceipt/contracts';
import { verifyAudit } from '../support/audit';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, KafkaTap, producer } from '../support/kafka-tap';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');

/**
 * Issue #7 end to end: an MT103 over Kafka is associated and credited in the recording transaction;
 * the seller withdraws over HTTP (409 naming the rule first); `withdrawal.requested` goes out on
 * hub.funds with its instructionId; the bank answers on bank.transfer-results: COMPLETED -> withdrawn,
 * FAILED -> credited again. `ereceipt ledger verify` passes at the end. Events are counted by this
 * suite's own instruction ids and order numbers (other hubs share the topics).
 */
describe('funds: MT103 to credited funds, withdrawn, bank results over Kafka (real hub, Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let tap: KafkaTap;
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `MARBLEWOOD ${run.replace(/[0-9]/g, 'Q')} IMPORTS LLC`;
  const tokens = { admin: '', seller: '' };
  const today = new Date().toISOString().slice(0, 10);
  const yymmdd = today.slice(2).replace(/-/g, '');
  let va = '';
  let sellerId = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  const remittanceOf = async (ref: string) => waitFor(async () => (await db.pool.query<{ id: string; status: string }>('select id, status from remittance where message_ref = $1', [ref])).rows[0], `remittance ${ref}`, 90_000);
  const funds = (key: string) => tap.on('hub.funds').filter((m) => m.key === key);

  async function paidOrder(deposit: string, balance: string, as: { bearer?: string; account?: string; paid?: string; beforePayment?: (orderNo: string) => Promise<unknown> } = {}): Promise<string> {
    const bearer = as.bearer ?? tokens.seller;
    const drafted = await call('POST', '/orders', {
      buyer: { name: buyer, email: 'ap@marble.example', country: 'US' },
      currency: 'USD',
      lines: [{ name: 'Slab', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: addAmounts('USD', deposit, balance) }],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: '2027-01-01', preShipment: true }, { kind: 'BALANCE', amount: balance, dueDate: '2027-02-01', preShipment: false }],
      incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
    }, bearer);
    expect(drafted.status).toBe(201);
    const orderNo = drafted.body.orderNo as string;
    expect((await call('POST', `/orders/${orderNo}/submit`, undefined, bearer)).status).toBe(200);
    await as.beforePayment?.(orderNo);
    const ref = `F${orderNo.slice(-3)}-${run}`; // :20: holds 16 characters
    await kafka.send({ topic: inboundTopics.bankMt103, messages: [{ key: run, value: buildMt103({ ref, valueDate: yymmdd, amount: (as.paid ?? deposit).replace('.', ','), payerName: buyer, beneficiaryAccount: as.account ?? va, remittanceInfo: ['PAYMENT FOR ORDER', orderNo] }) }] });
    await waitFor(async () => (await remittanceOf(ref)).status === 'ASSOCIATED', `${ref} associated`, 90_000);
    return orderNo;
  }

  /** The buyer's confirmation through the signed link is covered by the orders suites; here it is the row it leaves. */
  const confirmPaymentInfo = async (orderNo: string) =>
    db.pool.query(`insert into payment_info_confirmation (order_id, order_no, confirmed_at, source_address, collection_account) select id, order_no, now(), '127.0.0.1', $1 from ereceipt_order where order_no = $2`, [va, orderNo]);

  const bankResult = async (instructionId: string, status: 'COMPLETED' | 'FAILED', reason?: string) =>
    kafka.send({ topic: inboundTopics.bankTransferResults, messages: [{ key: instructionId, value: JSON.stringify({ instructionId, status, ...(reason ? { reason } : { bankRef: `BNK-${run}` }), executedAt: new Date().toISOString() }) }] });

  const withdrawalStatus = async (instructionId: string, bearer = tokens.seller) => ((await call('GET', '/withdrawals', undefined, bearer)).body as unknown as Array<{ instructionId: string; status: string }>).find((w) => w.instructionId === instructionId)?.status;

  beforeAll(async () => {
    db = await freshDatabase(`funds_${run.toLowerCase()}`);
    tap = await new KafkaTap().start(['hub.funds']);
    kafka = await producer();
    tokens.admin = token('admin');
    const groupId = `e2e-funds-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('funds', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: '45000' });
    await hub.start();
    await kafka.send({ topic: inboundTopics.bankMt103, messages: [{ key: `warm-${run}`, value: buildMt103({ ref: `WARM-${run}` }) }] });
    await remittanceOf(`WARM-${run}`);
    const applied = await call('POST', '/sellers/applications', { legalName: 'MARBLE EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', settlementCurrency: 'USD', currencies: ['USD'], contactEmail: 'f@marble.example' }, tokens.admin);
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

  it('associated, credited, withdrawn (409 naming the rule before the buyer confirmed), bank result COMPLETED', async () => {
    const orderNo = await paidOrder('2345.67', '1000.00');
    const balances = await call('GET', '/balances');
    expect(balances.body).toEqual([expect.objectContaining({ sellerId, currency: 'USD', credited: '2345.67', withdrawn: '0.00' })]);

    const refused = await call('POST', `/orders/${orderNo}/withdrawals`, {});
    expect(refused).toMatchObject({ status: 409, body: { code: 'FUNDS.RULE_PAYMENT_INFO_CONFIRMED', details: { rule: 'PAYMENT_INFO_CONFIRMED' } } });
    await confirmPaymentInfo(orderNo);
    const created = await call('POST', `/orders/${orderNo}/withdrawals`, {});
    expect(created).toMatchObject({ status: 201, body: { orderNo, currency: 'USD', amount: '2345.67', status: 'REQUESTED', trigger: 'MANUAL' } });
    const instructionId = created.body.instructionId as string;
    expect((await call('POST', `/orders/${orderNo}/withdrawals`, {})).body).toMatchObject({ code: 'FUNDS.WITHDRAWAL_IN_PROGRESS' });
    const requested = await waitFor(async () => funds(instructionId)[0], 'withdrawal.requested on hub.funds', 60_000);
    expect(requested.headers.ce_type).toBe('ereceipt.withdrawal.requested.v1');
    expect(requested.json()).toMatchObject({ instructionId, orderNo, sellerId, currency: 'USD', amount: '2345.67', destination: { sellerId, beneficiaryName: 'MARBLE EXPORT CO LTD' } });

    await bankResult(instructionId, 'COMPLETED');
    await waitFor(async () => (await withdrawalStatus(instructionId)) === 'COMPLETED', 'the withdrawal completed', 90_000);
    await waitFor(async () => funds(instructionId).length >= 2, 'withdrawal.completed on hub.funds', 60_000);
    expect(funds(instructionId).map((m) => m.headers.ce_type)).toEqual(['ereceipt.withdrawal.requested.v1', 'ereceipt.withdrawal.completed.v1']);
    expect((await call('GET', '/balances')).body).toEqual([expect.objectContaining({ credited: '0.00', withdrawing: '0.00', withdrawn: '2345.67' })]);
  });

  it('a FAILED bank result returns the funds: credited again, withdrawable again', async () => {
    const orderNo = await paidOrder('777.77', '100.00');
    await confirmPaymentInfo(orderNo);
    const created = await call('POST', `/orders/${orderNo}/withdrawals`, { amount: '777.77' });
    expect(created.status).toBe(201);
    const instructionId = created.body.instructionId as string;
    await bankResult(instructionId, 'FAILED', 'BENEFICIARY ACCOUNT CLOSED');
    await waitFor(async () => (await withdrawalStatus(instructionId)) === 'FAILED', 'the withdrawal failed', 90_000);
    await waitFor(async () => funds(instructionId).length >= 2, 'withdrawal.failed on hub.funds', 60_000);
    expect(funds(instructionId)[1].json()).toMatchObject({ instructionId, reason: 'BENEFICIARY ACCOUNT CLOSED' });
    expect((await call('GET', '/balances')).body).toEqual([expect.objectContaining({ credited: '777.77', withdrawing: '0.00', withdrawn: '2345.67' })]);
    // An unknown instruction goes to the DLQ, not silently dropped.
    await bankResult(randomUUID(), 'COMPLETED');
    expect((await call('POST', `/orders/${orderNo}/withdrawals`, {})).status).toBe(201);
  });

  it('FX and automatic withdrawal: a CNY seller\'s USD funds settle at the rate from bank.fx-rates (fx.settled), are withdrawn automatically up to the goods rule, the rest once customs declared the goods', async () => {
    const applied = await call('POST', '/sellers/applications', { legalName: 'JADE EXPORT CO LTD', customsCode: '3302961235', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@jade.example' }, tokens.admin);
    const jadeId = applied.body.sellerId as string;
    const approved = await call('POST', `/sellers/${jadeId}/approve`, undefined, tokens.admin);
    const jadeVa = (approved.body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    const jade = token('seller', jadeId);
    expect(await call('PUT', `/sellers/${jadeId}/funds-settings`, { autoWithdrawal: true }, jade)).toMatchObject({ status: 200, body: { autoWithdrawal: true } });
    const source = `E2E-FUNDS-${run}`;
    await kafka.send({ topic: inboundTopics.bankFxRates, messages: [{ key: 'USD/CNY', value: JSON.stringify({ base: 'USD', quote: 'CNY', rate: '7.1', validFrom: '2026-01-01T00:00:00Z', source }) }] });
    await waitFor(async () => (await db.pool.query('select 1 from fx_rate where source = $1', [source])).rowCount === 1, 'the rate stored', 90_000);

    // Deposit 1,000.00 before shipment + balance 3,000.00, all paid at once; the buyer confirmed first.
    const orderNo = await paidOrder('1000.00', '3000.00', { bearer: jade, account: jadeVa, paid: '4000.00', beforePayment: confirmPaymentInfo });
    const settled = await waitFor(async () => funds(orderNo).find((m) => m.headers.ce_type === 'ereceipt.fx.settled.v1'), 'fx.settled on hub.funds', 60_000);
    expect(settled.json()).toMatchObject({ orderNo, sellerId: jadeId, source: { currency: 'USD', amount: '4000.00' }, target: { currency: 'CNY', amount: '28400.00' }, rate: { rate: '7.1', source } });
    // Withdrawn automatically in the crediting transaction, up to 1,000.00 x 1.05 = 1,050.00 USD of the 4,000.00: 7,455.00 CNY.
    const auto = await waitFor(async () => ((await call('GET', `/withdrawals?orderNo=${orderNo}`, undefined, jade)).body as unknown as Array<Record<string, string>>)[0], 'the automatic withdrawal', 30_000);
    expect(auto).toMatchObject({ trigger: 'AUTO', currency: 'CNY', amount: '7455.00', status: 'REQUESTED' });
    await waitFor(async () => funds(auto.instructionId).length >= 1, 'withdrawal.requested', 60_000);
    expect(funds(auto.instructionId)[0].json()).toMatchObject({ currency: 'CNY', amount: '7455.00', source: { currency: 'USD', amount: '1050.00' } });
    await bankResult(auto.instructionId, 'COMPLETED');
    await waitFor(async () => (await withdrawalStatus(auto.instructionId, jade)) === 'COMPLETED', 'the first withdrawal completed', 90_000);

    // Customs declares 4,000.00 USD of goods: the rule now allows 4,200.00; the job withdraws the rest (20,945.00 CNY).
    expect(await call('POST', `/orders/${orderNo}/shipments`, { items: [{ line: 0, quantity: 1, hsCode: '680291' }], logistics: { carrier: 'MAERSK', trackingNo: `TRK-${run}`, shipDate: today }, customs: { declarationNo: `3104${run}`, declaredValue: '4000.00', currency: 'USD', port: 'CNNGB' } }, jade)).toMatchObject({ status: 201 });
    const rest = await waitFor(async () => ((await call('GET', `/withdrawals?orderNo=${orderNo}&status=REQUESTED`, undefined, jade)).body as unknown as Array<Record<string, string>>)[0], 'the scheduled automatic withdrawal', 150_000);
    expect(rest).toMatchObject({ trigger: 'AUTO', currency: 'CNY', amount: '20945.00' });
    await bankResult(rest.instructionId, 'COMPLETED');
    await waitFor(async () => (await withdrawalStatus(rest.instructionId, jade)) === 'COMPLETED', 'the second withdrawal completed', 90_000);
    expect((await call('GET', '/balances', undefined, jade)).body).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'CNY', credited: '0.00', withdrawing: '0.00', withdrawn: '28400.00' }), expect.objectContaining({ currency: 'USD', credited: '0.00', withdrawn: '0.00' })]));
  }, 600_000);

  it('every association audit chain recomputes (ereceipt audit verify)', () => {
    expect(verifyAudit(db.url)).toBeGreaterThan(0);
  });

  it('ereceipt ledger verify passes on the hub\'s database', () => {
    const out = spawnSync(process.execPath, [CLI, 'ledger', 'verify'], { env: { ...process.env, DATABASE_URL: db.url } });
    expect({ status: out.status, stdout: out.stdout.toString() }).toMatchObject({ status: 0, stdout: expect.stringContaining('ok:') });
  });
});
