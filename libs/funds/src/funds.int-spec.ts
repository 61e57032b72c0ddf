import { loadConfig } from '@ereceipt/config';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { type CanonicalRemittance, DomainError, inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundRecord, OutboxWriter, processRecords, type RecordOutcome } from '@ereceipt/messaging';
import { ApproveAssociation, associationHooks, MatchRemittance, UnbindAssociation } from '@ereceipt/matching';
import { OrderEntity } from '@ereceipt/orders';
import { ormOptions } from '@ereceipt/persistence';
import { recordFxRate } from '@ereceipt/rates';
import { RecordRemittance, RemittanceHooks } from '@ereceipt/remittances';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { AutoWithdrawalJob } from './auto-withdrawal.job';
import { creditAssociation } from './credit-association.usecase';
import { ApproveRefund } from './approve-refund.usecase';
import { DecideRefund } from './decide-refund.usecase';
import { OpenRefund } from './open-refund.usecase';
import { RefundMessages } from './post-refund-message.usecase';
import { buyerSide, type RefundActor, sellerSide as sellerSideOf } from './refund-actor';
import { FxSettlementJob } from './fx-settlement.job';
import { FundsQueries } from './funds.query';
import { RequestWithdrawal } from './request-withdrawal.usecase';
import { ReturnRemittance } from './return-remittance.usecase';
import { TransferResultsConsumer } from './transfer-results.consumer';
import { UpdateFundsSettings } from './update-funds-settings.usecase';
import { verifyLedger } from './verify-ledger';

const today = new Date().toISOString().slice(0, 10);
const finance: Principal = { tokenId: 'f', name: 'fin', role: 'finance', sellerId: null };
const secondFinance: Principal = { tokenId: 'f2', name: 'fin2', role: 'finance', sellerId: null };
const admin: Principal = { tokenId: 'a', name: 'adm', role: 'admin', sellerId: null };

/**
 * Funds on real PostgreSQL, wired as in the hub: remittances recorded and matched (matching calls the
 * funds hook in the same transaction), withdrawals through the use case, bank results through the
 * inbound pipeline exactly as the Kafka consumer drives it. `ledger verify` after every test.
 */
describe('funds (PostgreSQL)', () => {
  let orm: MikroORM;
  let hooks: RemittanceHooks;
  let sellerId: string;
  let va: string;
  let seller: Principal;
  let options: Parameters<typeof processRecords>[2];
  let seq = 0;
  let offset = 0;

  const query = async <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params);
  const balances = async () => new FundsQueries(orm).balances(admin, sellerId);
  const orderBuckets = async (orderNo: string) =>
    Object.fromEntries((await query<{ kind: string; balance: string }>(`select kind, balance::text as balance from ledger_account where order_no = ? and balance <> 0`, [orderNo])).map((r) => [r.kind, r.balance]));
  const withdraw = async (orderNo: string, p: Principal = seller, amount?: string) => new RequestWithdrawal(orm).execute(orderNo, amount === undefined ? {} : { amount }, p);
  const bankResult = async (instructionId: string, status: 'COMPLETED' | 'FAILED', extra: Record<string, unknown> = {}): Promise<RecordOutcome[]> => {
    const record: InboundRecord = { channel: 'kafka', topic: inboundTopics.bankTransferResults, partition: 0, offset: String(offset++), key: instructionId, headers: {}, value: Buffer.from(JSON.stringify({ instructionId, status, executedAt: new Date().toISOString(), ...extra })) };
    return processRecords(orm.em.fork(), [record], options);
  };

  async function addOrder(buyerName: string, deposit: string, balance: string, forSeller = sellerId): Promise<string> {
    seq += 1;
    const orderNo = `EO-${today.slice(0, 4)}-${String(700000 + seq)}`;
    const now = new Date();
    await orm.em.fork().insert(OrderEntity, {
      id: randomUUID(), orderNo, sellerId: forSeller, externalOrderId: null, buyerName, buyerEmail: 'ap@buyer.example', buyerCountry: 'US', currency: 'USD',
      total: (BigInt(deposit.replace('.', '')) + BigInt(balance.replace('.', ''))).toString().replace(/(\d\d)$/, '.$1'), paidAmount: '0.00', lines: [],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: today, preShipment: true, paidAmount: '0.00' }, { kind: 'BALANCE', amount: balance, dueDate: today, preShipment: false, paidAmount: '0.00' }],
      incoterm: 'FOB', expectedShipDate: '2099-12-31', exportMethod: 'SELF_EXPORT', lifecycleStatus: 'SUBMITTED', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED',
      cancelReason: null, createdAt: new Date(now.getTime() - 86_400_000), updatedAt: now, submittedAt: now, cancelledAt: null,
    });
    return orderNo;
  }

  async function confirmPaymentInfo(orderNo: string): Promise<void> {
    await orm.em.fork().execute(`insert into payment_info_confirmation (order_id, order_no, confirmed_at, source_address, collection_account) select id, order_no, now(), '127.0.0.1', ? from ereceipt_order where order_no = ?`, [va, orderNo]);
  }

  /** A wire quoting the order, paid by its buyer: matching associates it AUTO (APPROVED, or PROPOSED when flagged). */
  async function pay(orderNo: string, amount: string, over: Partial<CanonicalRemittance> = {}): Promise<string> {
    const r: CanonicalRemittance = {
      source: 'mt103', messageRef: `REF-${randomUUID().slice(0, 8)}`, uetr: randomUUID(), endToEndId: null, senderBic: 'BANKUS33XXX', valueDate: today, currency: 'USD', amount,
      instructedAmount: null, chargeBearer: 'SHA', chargesDeducted: [], payer: { name: 'ACME TRADING LLC', account: 'US12345678', address: [], bic: null },
      beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: va }, remittanceInfo: `PAYMENT FOR ORDER ${orderNo}`, references: [], relatedReference: null, possibleDuplicate: false, ...over,
    };
    return orm.em.fork().transactional(async (em) => (await new RecordRemittance(em, new OutboxWriter(em), hooks).execute({ remittance: r, location: { index: 0, line: 1, raw: 'raw' } }, { inboundMessageId: '1', channel: 'http', topic: null, partition: null, offset: null, fileName: null })).id);
  }

  const associationOf = async (remittanceId: string) => (await query<{ id: string; status: string }>(`select id, status from remittance_association where remittance_id = ? order by created_at desc limit 1`, [remittanceId]))[0];

  beforeAll(async () => {
    const db = await freshDatabase('funds');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 20 }, hubEntities));
    // Settles in USD: these tests are about the ledger and withdrawals without FX (the FX test has its own seller).
    const applied = await new ApplySeller(orm).execute({ legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', settlementCurrency: 'USD', currencies: ['USD', 'EUR'], contactEmail: 'f@example.cn' });
    const approved = await new DecideSeller(orm).approve(applied.sellerId);
    sellerId = approved.sellerId;
    va = approved.collectionAccounts.find((a) => a.currency === 'USD')?.accountNumber ?? '';
    seller = { tokenId: 's', name: 'seller', role: 'seller', sellerId };
    hooks = new RemittanceHooks();
    const match = new MatchRemittance();
    hooks.register({ afterRecorded: async (rec) => void (await match.within(rec)), viewExtras: async () => new Map() });
    associationHooks.register({ changed: creditAssociation });
    const registry = new HandlerRegistry();
    new TransferResultsConsumer(registry).onModuleInit();
    options = { consumer: 'funds-int-test', handlerFor: (topic) => registry.get(topic) };
  });

  afterEach(async () => {
    const report = await verifyLedger(orm.em.fork());
    expect(report.violations).toEqual([]);
  });

  afterAll(async () => orm?.close());

  it('an AUTO association credits the order; the three rules; withdrawal -> WITHDRAWING; FAILED returns the funds; COMPLETED once', async () => {
    const no = await addOrder('ACME TRADING LLC', '1860.00', '4340.00');
    const r = await pay(no, '1860.00');
    expect(await associationOf(r)).toMatchObject({ status: 'APPROVED' });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1860.00' });
    expect(await balances()).toEqual([expect.objectContaining({ currency: 'USD', unassociated: '0.00', credited: '1860.00', withdrawn: '0.00' })]);

    await expect(withdraw(no)).rejects.toMatchObject({ code: 'FUNDS.RULE_PAYMENT_INFO_CONFIRMED', kind: 'conflict', details: { rule: 'PAYMENT_INFO_CONFIRMED' } });
    await confirmPaymentInfo(no);
    await expect(withdraw(no, seller, '1953.01')).rejects.toMatchObject({ code: 'FUNDS.RULE_FUNDS_CREDITED' });
    const other: Principal = { ...seller, sellerId: randomUUID() };
    await expect(withdraw(no, other)).rejects.toMatchObject({ code: 'FUNDS.ORDER_NOT_FOUND' });

    const w = await withdraw(no);
    expect(w).toMatchObject({ orderNo: no, currency: 'USD', amount: '1860.00', status: 'REQUESTED', trigger: 'MANUAL' });
    expect(await orderBuckets(no)).toEqual({ WITHDRAWING: '1860.00' });
    await expect(withdraw(no)).rejects.toMatchObject({ code: 'FUNDS.WITHDRAWAL_IN_PROGRESS' });
    const [event] = await query<{ type: string; topic: string; payload: Record<string, unknown> }>(`select type, topic, payload from outbox_event where key = ?`, [w.instructionId]);
    expect(event).toMatchObject({ type: 'ereceipt.withdrawal.requested.v1', topic: 'hub.funds', payload: { instructionId: w.instructionId, amount: '1860.00', currency: 'USD', destination: { sellerId, beneficiaryName: 'NINGBO EXAMPLE CO LTD' } } });

    // Unbinding withdrawn (withdrawing) funds is refused and rolls the unbind back.
    const assoc = await associationOf(r);
    await expect(new UnbindAssociation(orm).execute(r, assoc.id, finance)).rejects.toMatchObject({ code: 'FUNDS.ALREADY_WITHDRAWN', kind: 'conflict' });
    expect(await associationOf(r)).toMatchObject({ status: 'APPROVED' });

    expect(await bankResult(w.instructionId, 'FAILED', { reason: 'ACCOUNT CLOSED' })).toMatchObject([{ status: 'processed' }]);
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1860.00' });
    const again = await withdraw(no);
    expect(await bankResult(again.instructionId, 'COMPLETED', { bankRef: 'BNK-1' })).toMatchObject([{ status: 'processed' }]);
    // The same result again (another message id): no second effect; the opposite result: DLQ.
    expect(await bankResult(again.instructionId, 'COMPLETED', { bankRef: 'BNK-1' })).toMatchObject([{ status: 'processed' }]);
    expect(await bankResult(again.instructionId, 'FAILED')).toMatchObject([{ status: 'dead-lettered', code: 'FUNDS.RESULT_CONFLICT' }]);
    expect(await bankResult(randomUUID(), 'COMPLETED')).toMatchObject([{ status: 'dead-lettered', code: 'FUNDS.UNKNOWN_INSTRUCTION' }]);
    expect(await orderBuckets(no)).toEqual({ WITHDRAWN: '1860.00' });
    const ws = await new FundsQueries(orm).withdrawals(seller, { orderNo: no });
    expect(ws.map((x) => [x.status, x.amount])).toEqual(expect.arrayContaining([['COMPLETED', '1860.00'], ['FAILED', '1860.00']]));
    const types = await query<{ type: string }>(`select type from outbox_event where kind = 'event' and key in (?, ?) order by seq`, [w.instructionId, again.instructionId]);
    expect(types.map((t) => t.type)).toEqual(['ereceipt.withdrawal.requested.v1', 'ereceipt.withdrawal.failed.v1', 'ereceipt.withdrawal.requested.v1', 'ereceipt.withdrawal.completed.v1']);
    // Goods consistency: nothing declared, the deposit (1,860.00) x 1.05 caps everything withdrawn on the order.
    await pay(no, '4340.00');
    await expect(withdraw(no, seller, '93.01')).rejects.toMatchObject({ code: 'FUNDS.RULE_FUNDS_GOODS_CONSISTENT', details: { rule: 'FUNDS_GOODS_CONSISTENT' } });
    expect(await withdraw(no)).toMatchObject({ amount: '93.00' });
  });

  it('never twice: 100 concurrent withdrawals of the same funds, exactly one succeeds', async () => {
    const no = await addOrder('ACME TRADING LLC', '5000.00', '0.00');
    await pay(no, '5000.00');
    await confirmPaymentInfo(no);
    const results = await Promise.allSettled(Array.from({ length: 100 }, async (_, i) => withdraw(no, i % 2 ? seller : admin, i % 3 ? undefined : '5000.00')));
    const ok = results.filter((x) => x.status === 'fulfilled');
    const refused = results.flatMap((x) => (x.status === 'rejected' ? [x.reason as unknown] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(99);
    for (const e of refused) {
      expect(e).toBeInstanceOf(DomainError);
      expect(['FUNDS.WITHDRAWAL_IN_PROGRESS', 'FUNDS.RULE_FUNDS_CREDITED']).toContain((e as DomainError).code);
    }
    expect(await orderBuckets(no)).toEqual({ WITHDRAWING: '5000.00' });
    expect(await query(`select 1 from withdrawal where order_no = ?`, [no])).toHaveLength(1);
  });

  it('bank charges within tolerance are booked as fees; a flagged AUTO waits under review until finance approves', async () => {
    const no = await addOrder('ACME TRADING LLC', '1000.00', '0.00');
    // 5.00 short under SHA: within the tolerance (the lower of 1 % and 50 units), the deposit counts as paid.
    await pay(no, '995.00');
    expect(await orderBuckets(no)).toEqual({ CREDITED: '995.00', FEES: '5.00' });
    const third = await addOrder('ACME TRADING LLC', '700.00', '0.00');
    const r = await pay(third, '700.00', { payer: { name: 'SOMEONE ELSE GMBH', account: 'DE99', address: [], bic: null } });
    const a = await associationOf(r);
    expect(a.status).toBe('PROPOSED');
    expect(await orderBuckets(third)).toEqual({ UNDER_REVIEW: '700.00' });
    // Four eyes: the first finance approval credits nothing; a second finance person's does.
    await new ApproveAssociation(orm).execute(a.id, finance);
    expect(await orderBuckets(third)).toEqual({ UNDER_REVIEW: '700.00' });
    await new ApproveAssociation(orm).execute(a.id, { ...finance, tokenId: 'f2', name: 'second finance person' });
    expect(await orderBuckets(third)).toEqual({ CREDITED: '700.00' });
    // Unbind before any withdrawal: an exact reversal, the money is unassociated again.
    await new UnbindAssociation(orm).execute(r, a.id, finance);
    expect(await orderBuckets(third)).toEqual({});
    const [rev] = await query<{ kind: string; reverses_entry_id: string | null }>(`select kind, reverses_entry_id::text from ledger_entry where association_id = ? order by id desc limit 1`, [a.id]);
    expect(rev).toMatchObject({ kind: 'REVERSAL', reverses_entry_id: expect.any(String) });
  });

  it('automatic withdrawal: on credit when the rules hold, else by the scheduled job once they do', async () => {
    await new UpdateFundsSettings(orm).execute(sellerId, { autoWithdrawal: true }, seller);
    const no = await addOrder('ACME TRADING LLC', '300.00', '0.00');
    await pay(no, '300.00');
    // Not confirmed yet: credited, no withdrawal.
    expect(await orderBuckets(no)).toEqual({ CREDITED: '300.00' });
    await confirmPaymentInfo(no);
    const job = new AutoWithdrawalJob({ register: () => undefined } as never, orm);
    expect(await job.run()).toBeGreaterThanOrEqual(1);
    expect(await orderBuckets(no)).toEqual({ WITHDRAWING: '300.00' });
    expect(await new FundsQueries(orm).withdrawals(seller, { orderNo: no })).toEqual([expect.objectContaining({ trigger: 'AUTO', amount: '300.00', requestedBy: 'system:auto-withdrawal' })]);
    // Confirmed before the money arrives: withdrawn in the crediting transaction itself.
    const next = await addOrder('ACME TRADING LLC', '400.00', '0.00');
    await confirmPaymentInfo(next);
    await pay(next, '400.00');
    expect(await orderBuckets(next)).toEqual({ WITHDRAWING: '400.00' });
    // Four eyes on funds settings: an admin's change waits; the admin again, or a different change, is refused; a finance person applies it.
    const settings = new UpdateFundsSettings(orm);
    expect(await settings.execute(sellerId, { autoWithdrawal: false }, admin)).toEqual({ sellerId, autoWithdrawal: true, updatedBy: 'seller:seller', pendingChange: { autoWithdrawal: false, requestedBy: 'admin:adm', requestedAt: expect.any(String) } });
    await expect(settings.execute(sellerId, { autoWithdrawal: false }, admin)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden' });
    await expect(settings.execute(sellerId, { autoWithdrawal: true }, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.DIFFERENT_REQUEST', kind: 'conflict' });
    expect(await settings.execute(sellerId, { autoWithdrawal: false }, finance)).toEqual({ sellerId, autoWithdrawal: false, updatedBy: 'finance:fin (four eyes with admin:adm)', pendingChange: null });
  });

  it('four eyes on funds settings between two finance people; a seller\'s own change applies at once; another seller is refused', async () => {
    const settings = new UpdateFundsSettings(orm);
    expect(await settings.execute(sellerId, { autoWithdrawal: true }, finance)).toMatchObject({ autoWithdrawal: false, pendingChange: { autoWithdrawal: true, requestedBy: 'finance:fin' } });
    await expect(settings.execute(sellerId, { autoWithdrawal: true }, { ...finance, tokenId: 'other session' })).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON' });
    // A machine token owned by the proposer is the same pair of eyes.
    await expect(settings.execute(sellerId, { autoWithdrawal: true }, { tokenId: 't', name: 'token erp #1a2b3c4d (owner fin)', role: 'finance', sellerId: null })).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON' });
    expect(await settings.execute(sellerId, { autoWithdrawal: true }, secondFinance)).toMatchObject({ autoWithdrawal: true, updatedBy: 'finance:fin2 (four eyes with finance:fin)', pendingChange: null });
    await expect(settings.execute(sellerId, { autoWithdrawal: false }, { ...seller, sellerId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'FUNDS.FORBIDDEN' });
    expect(await settings.execute(sellerId, { autoWithdrawal: false }, seller)).toMatchObject({ autoWithdrawal: false, updatedBy: 'seller:seller', pendingChange: null });
    expect(await query(`select kind, requested_by, decided_by, status from four_eyes_request where kind = 'FUNDS_SETTINGS' and subject_id = ? order by requested_at`, [sellerId])).toEqual([
      { kind: 'FUNDS_SETTINGS', requested_by: 'admin:adm', decided_by: 'finance:fin', status: 'DONE' },
      { kind: 'FUNDS_SETTINGS', requested_by: 'finance:fin', decided_by: 'finance:fin2', status: 'DONE' },
    ]);
  });

  it('FX: credited USD funds of a CNY seller wait for a rate (withdrawal 409, job retries), then settle at the rate in force, recorded; withdrawals pay out CNY', async () => {
    const cny = await new DecideSeller(orm).approve((await new ApplySeller(orm).execute({ legalName: 'SHAOXING TEXTILE CO LTD', customsCode: '3306961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@sx.example' })).sellerId);
    const cnySeller: Principal = { tokenId: 'c', name: 'cny', role: 'seller', sellerId: cny.sellerId };
    const no = await addOrder('ACME TRADING LLC', '1000.00', '500.00', cny.sellerId);
    await pay(no, '1000.00', { beneficiary: { name: 'SHAOXING TEXTILE CO LTD', account: cny.collectionAccounts[0].accountNumber } });
    await confirmPaymentInfo(no);
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1000.00' });
    await expect(withdraw(no, cnySeller)).rejects.toMatchObject({ code: 'FUNDS.FX_NOT_SETTLED', details: { rule: 'FUNDS_CREDITED' } });
    const job = new FxSettlementJob({ register: () => undefined } as never, orm);
    expect(await job.run()).toEqual({ settled: 0, waitingForRate: 1 });
    await recordFxRate(orm.em.fork(), { base: 'USD', quote: 'CNY', rate: '7.1025', validFrom: '2026-01-01T00:00:00.000Z', source: 'BANK-OF-NINGBO' }, null);
    expect(await job.run()).toEqual({ settled: 1, waitingForRate: 0 });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '7102.50' });
    const [settlement] = await query<Record<string, unknown>>(`select source_amount::text, target_amount::text, rate::text, rate_source, rate_inverted from fx_settlement where order_no = ?`, [no]);
    expect(settlement).toEqual({ source_amount: '1000.00', target_amount: '7102.50', rate: '7.1025', rate_source: 'BANK-OF-NINGBO', rate_inverted: false });
    const [event] = await query<{ payload: Record<string, unknown> }>(`select payload from outbox_event where type = 'ereceipt.fx.settled.v1' and key = ?`, [no]);
    expect(event.payload).toMatchObject({ orderNo: no, source: { currency: 'USD', amount: '1000.00' }, target: { currency: 'CNY', amount: '7102.50' }, rate: { rate: '7.1025', source: 'BANK-OF-NINGBO' } });
    // 400.00 USD of 1000.00 settled: 40 % of 7102.50 CNY, rounded down; the rest goes whole.
    const first = await withdraw(no, cnySeller, '400.00');
    expect(first).toMatchObject({ currency: 'CNY', amount: '2841.00' });
    await bankResult(first.instructionId, 'COMPLETED');
    const rest = await withdraw(no, cnySeller);
    expect(rest).toMatchObject({ currency: 'CNY', amount: '4261.50' });
    expect((await query<{ source_amount: string }>(`select source_amount::text from withdrawal where id = ?`, [rest.instructionId]))[0]).toEqual({ source_amount: '600.00' });
    expect(await orderBuckets(no)).toEqual({ WITHDRAWN: '2841.00', WITHDRAWING: '4261.50' });

    // Settlement is a conversion, not a withdrawal: an unbind converts back at the settlement's rate and goes through.
    const other = await addOrder('ACME TRADING LLC', '200.00', '0.00', cny.sellerId);
    const r = await pay(other, '200.00', { beneficiary: { name: 'SHAOXING TEXTILE CO LTD', account: cny.collectionAccounts[0].accountNumber } });
    expect(await orderBuckets(other)).toEqual({ CREDITED: '1420.50' });
    await new UnbindAssociation(orm).execute(r, (await associationOf(r)).id, finance);
    expect(await orderBuckets(other)).toEqual({});
    expect(await query(`select 1 from fx_settlement where order_no = ? and reversed_at is not null`, [other])).toHaveLength(1);
  });

  it('refund portal: the buyer opens (withdrawals wait), messages, the seller accepts -> refund.requested; FAILED credits back; a seller-opened one accepted by the buyer completes', async () => {
    const no = await addOrder('ACME TRADING LLC', '1000.00', '500.00');
    await pay(no, '1000.00');
    await confirmPaymentInfo(no);
    const buyer = buyerSide(no);
    const sellerSide: RefundActor = { side: 'SELLER', actor: 'seller:seller', sellerId };
    const open = new OpenRefund(orm);
    await expect(open.execute(no, { amount: '1000.01', reason: 'damaged' }, buyer)).rejects.toMatchObject({ code: 'FUNDS.REFUND_EXCEEDS_REFUNDABLE' });
    const r = await open.execute(no, { amount: '300.00', reason: 'two pallets damaged' }, buyer);
    expect(r).toMatchObject({ status: 'OPEN', amount: '300.00', currency: 'USD' });
    await expect(open.execute(no, { amount: '1.00', reason: 'x' }, sellerSide)).rejects.toMatchObject({ code: 'FUNDS.REFUND_ALREADY_OPEN' });
    await expect(withdraw(no)).rejects.toMatchObject({ code: 'FUNDS.RULE_FUNDS_CREDITED', message: expect.stringContaining('refund is open') });
    // At or below the currency's FOUR_EYES_ABOVE threshold the deciding side alone accepts (four eyes above it: the next test).
    const decide = new DecideRefund(orm, { fourEyesAbove: { USD: '1000.00' } });
    await expect(decide.execute(r.refundId, true, buyer)).rejects.toMatchObject({ code: 'FUNDS.REFUND_OWN_REQUEST' });
    await expect(decide.execute(r.refundId, true, buyerSide('EO-2026-999999'))).rejects.toMatchObject({ code: 'FUNDS.REFUND_NOT_FOUND' });
    const messages = new RefundMessages(orm);
    await messages.post(r.refundId, 'Could you accept 250.00?', sellerSide);
    expect((await messages.post(r.refundId, 'No, 300.00 as agreed with your sales.', buyer)).messages.map((m) => m.side)).toEqual(['SELLER', 'BUYER']);
    expect(await decide.execute(r.refundId, true, sellerSide)).toEqual({ refundId: r.refundId, status: 'ACCEPTED' });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '700.00', REFUNDED: '300.00' });
    const [requested] = await query<{ payload: Record<string, unknown> }>(`select payload from outbox_event where type = 'ereceipt.refund.requested.v1' and key = ?`, [r.refundId]);
    expect(requested.payload).toMatchObject({ instructionId: r.refundId, amount: '300.00', openedBy: 'BUYER', destination: { name: 'ACME TRADING LLC', account: 'US12345678' } });
    await bankResult(r.refundId, 'FAILED', { reason: 'ACCOUNT CLOSED' });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1000.00' });
    const second = await open.execute(no, { amount: '200.00', reason: 'goodwill' }, sellerSide);
    await expect(decide.execute(second.refundId, true, sellerSide)).rejects.toMatchObject({ code: 'FUNDS.REFUND_OWN_REQUEST' });
    await decide.execute(second.refundId, true, buyer);
    expect(await bankResult(second.refundId, 'COMPLETED')).toMatchObject([{ status: 'processed' }]);
    expect(await orderBuckets(no)).toEqual({ CREDITED: '800.00', REFUNDED: '200.00' });
    const types = await query<{ type: string }>(`select type from outbox_event where kind = 'event' and key in (?, ?) order by seq`, [r.refundId, second.refundId]);
    expect(types.map((t) => t.type)).toEqual(['ereceipt.refund.requested.v1', 'ereceipt.refund.failed.v1', 'ereceipt.refund.requested.v1', 'ereceipt.refund.completed.v1']);
    const rejected = await open.execute(no, { amount: '50.00', reason: 'late' }, buyer);
    expect(await decide.execute(rejected.refundId, false, sellerSide, 'shipped on time')).toMatchObject({ status: 'REJECTED' });
    expect(await withdraw(no)).toMatchObject({ amount: '800.00' });
  });

  it('four eyes on a refund acceptance: the money waits; an admin\'s acceptance needs one other finance person, the buyer\'s two; the same person twice is refused', async () => {
    const no = await addOrder('ACME TRADING LLC', '1000.00', '500.00');
    await pay(no, '1000.00');
    await confirmPaymentInfo(no);
    const buyer = buyerSide(no);
    const open = new OpenRefund(orm);
    const decide = new DecideRefund(orm, { fourEyesAbove: { USD: '100.00' } });
    const approve = new ApproveRefund(orm);
    // The buyer accepts the seller's refund: recorded, nothing moves, the order's withdrawals still wait.
    const r = await open.execute(no, { amount: '300.00', reason: 'two pallets damaged' }, sellerSideOf(seller));
    expect(await decide.execute(r.refundId, true, buyer, 'agreed by phone')).toEqual({ refundId: r.refundId, status: 'OPEN', awaitingApproval: true });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1000.00' });
    await expect(withdraw(no)).rejects.toMatchObject({ code: 'FUNDS.RULE_FUNDS_CREDITED' });
    await expect(decide.execute(r.refundId, true, buyer)).rejects.toMatchObject({ code: 'FOUR_EYES.AWAITING_APPROVAL', kind: 'conflict' });
    await expect(approve.execute(r.refundId, admin)).rejects.toMatchObject({ code: 'FOUR_EYES.FINANCE_ONLY', kind: 'forbidden' });
    expect(await approve.execute(r.refundId, finance)).toEqual({ refundId: r.refundId, status: 'OPEN', acceptedBy: `buyer:${no}`, firstApprovedBy: 'finance:fin', approvedBy: null });
    await expect(approve.execute(r.refundId, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden', message: expect.stringContaining('already approved') });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '1000.00' });
    expect(await approve.execute(r.refundId, secondFinance)).toEqual({ refundId: r.refundId, status: 'ACCEPTED', acceptedBy: `buyer:${no}`, firstApprovedBy: 'finance:fin', approvedBy: 'finance:fin2' });
    expect(await orderBuckets(no)).toEqual({ CREDITED: '700.00', REFUNDED: '300.00' });
    expect(await query(`select status, decided_by, decision_note, first_approved_by, approved_by from refund where id = ?`, [r.refundId])).toEqual([{ status: 'ACCEPTED', decided_by: `buyer:${no}`, decision_note: 'agreed by phone', first_approved_by: 'finance:fin', approved_by: 'finance:fin2' }]);
    const [entry] = await query<{ memo: string; actor: string }>(`select memo, actor from ledger_entry where kind = 'REFUND' and memo like ?`, [`refund ${r.refundId}%`]);
    expect(entry).toEqual({ memo: `refund ${r.refundId} of ${no}; accepted by buyer:${no}, approved by finance:fin and finance:fin2`, actor: 'finance:fin2' });
    expect(await query(`select count(*)::int as n from outbox_event where type = 'ereceipt.refund.requested.v1' and key = ?`, [r.refundId])).toEqual([{ n: 1 }]);
    await expect(approve.execute(r.refundId, finance)).rejects.toMatchObject({ code: 'FUNDS.REFUND_NOT_AWAITING_APPROVAL' });
    await bankResult(r.refundId, 'COMPLETED');
    // The buyer's refund accepted by an admin for the seller: one finance person other than the admin releases it.
    const second = await open.execute(no, { amount: '200.00', reason: 'late' }, buyer);
    expect(await decide.execute(second.refundId, true, sellerSideOf(admin))).toMatchObject({ status: 'OPEN', awaitingApproval: true });
    await expect(approve.execute(second.refundId, { tokenId: 't', name: 'token erp #1a2b3c4d (owner adm)', role: 'finance', sellerId: null })).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', message: expect.stringContaining('accepted') });
    expect(await approve.execute(second.refundId, finance)).toMatchObject({ status: 'ACCEPTED', acceptedBy: 'admin:adm', firstApprovedBy: 'admin:adm', approvedBy: 'finance:fin' });
    await bankResult(second.refundId, 'COMPLETED');
    // A waiting acceptance is withdrawn when the deciding side rejects instead; at or below the threshold no one else is asked.
    const third = await open.execute(no, { amount: '150.00', reason: 'x' }, buyer);
    await decide.execute(third.refundId, true, sellerSideOf(seller));
    expect(await decide.execute(third.refundId, false, sellerSideOf(seller), 'changed my mind')).toMatchObject({ status: 'REJECTED' });
    expect(await query(`select status from four_eyes_request where kind = 'REFUND' and subject_id = ?`, [third.refundId])).toEqual([{ status: 'WITHDRAWN' }]);
    await expect(approve.execute(third.refundId, finance)).rejects.toMatchObject({ code: 'FUNDS.REFUND_NOT_AWAITING_APPROVAL' });
    const small = await open.execute(no, { amount: '100.00', reason: 'y' }, buyer);
    expect(await decide.execute(small.refundId, true, sellerSideOf(seller))).toEqual({ refundId: small.refundId, status: 'ACCEPTED' });
    await bankResult(small.refundId, 'COMPLETED');
    expect(await orderBuckets(no)).toEqual({ CREDITED: '400.00', REFUNDED: '600.00' });
  });

  it('an unassociable remittance goes back to its payer less the fee (UNASSOCIATED -> REFUNDED + FEES, RETURNED); FAILED undoes it; finance may set the fee', async () => {
    const r = await pay('EO-2026-999998', '1000.00', { remittanceInfo: 'NOTHING TO SEE', payer: { name: 'UNKNOWN PAYER SA', account: 'FR7612345', address: [], bic: 'BNPAFRPP' } });
    expect((await query<{ status: string }>(`select status from remittance where id = ?`, [r]))[0]).toEqual({ status: 'PENDING_ASSOCIATION' });
    const back = new ReturnRemittance(orm, { returnFees: loadConfig({}).returnFees });
    await expect(back.execute(r, {}, seller)).rejects.toMatchObject({ code: 'FUNDS.FORBIDDEN' });
    // Four eyes: the first finance person asks (nothing moves), cannot carry it out alone; a second one does.
    expect(await back.execute(r, {}, finance)).toMatchObject({ instructionId: null, amount: '975.00', fee: '25.00', status: 'AWAITING_SECOND_APPROVAL', requestedBy: 'finance:fin' });
    expect((await query<{ status: string }>(`select status from remittance where id = ?`, [r]))[0]).toEqual({ status: 'PENDING_ASSOCIATION' });
    await expect(back.execute(r, {}, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden' });
    await expect(back.execute(r, {}, admin)).rejects.toMatchObject({ code: 'FOUR_EYES.FINANCE_ONLY' });
    await expect(back.execute(r, { fee: '1.00' }, secondFinance)).rejects.toMatchObject({ code: 'FOUR_EYES.DIFFERENT_REQUEST' });
    const first = await back.execute(r, {}, secondFinance);
    expect(first).toMatchObject({ amount: '975.00', fee: '25.00', currency: 'USD', status: 'REQUESTED', requestedBy: 'finance:fin', approvedBy: 'finance:fin2' });
    expect(await query(`select requested_by, approved_by from remittance_return where id = ?`, [first.instructionId])).toEqual([{ requested_by: 'finance:fin', approved_by: 'finance:fin2' }]);
    expect((await query<{ status: string }>(`select status from remittance where id = ?`, [r]))[0]).toEqual({ status: 'RETURNED' });
    await expect(back.execute(r, {}, finance)).rejects.toMatchObject({ code: 'FUNDS.NOT_RETURNABLE' });
    const [event] = await query<{ payload: Record<string, unknown> }>(`select payload from outbox_event where type = 'ereceipt.remittance.return-requested.v1' and key = ?`, [r]);
    expect(event.payload).toMatchObject({ instructionId: first.instructionId, amount: '975.00', fee: '25.00', destination: { name: 'UNKNOWN PAYER SA', account: 'FR7612345', bic: 'BNPAFRPP' } });
    await bankResult(first.instructionId!, 'FAILED', { reason: 'ACCOUNT CLOSED' });
    expect((await query<{ status: string }>(`select status from remittance where id = ?`, [r]))[0]).toEqual({ status: 'PENDING_ASSOCIATION' });
    expect(await back.execute(r, { fee: '10.00' }, admin)).toMatchObject({ status: 'AWAITING_SECOND_APPROVAL' });
    const second = await back.execute(r, {}, finance);
    expect(second).toMatchObject({ amount: '990.00', fee: '10.00', requestedBy: 'admin:adm', approvedBy: 'finance:fin' });
    expect(await bankResult(second.instructionId!, 'COMPLETED')).toMatchObject([{ status: 'processed' }]);
    const lines = await query<{ kind: string; amount: string }>(`select a.kind, sum(l.amount)::text as amount from ledger_line l join ledger_account a on a.id = l.account_id join ledger_entry e on e.id = l.entry_id where e.remittance_id = ? group by a.kind order by a.kind`, [r]);
    expect(lines).toEqual([{ kind: 'BANK', amount: '-1000.00' }, { kind: 'FEES', amount: '10.00' }, { kind: 'REFUNDED', amount: '990.00' }, { kind: 'UNASSOCIATED', amount: '0.00' }]);
  });

  it('entries are append-only; ledger verify names an unbalanced entry', async () => {
    await expect(query(`update ledger_line set amount = amount + 1`)).rejects.toThrow(/append-only/);
    await expect(query(`delete from ledger_entry`)).rejects.toThrow(/append-only/);
    const em = orm.em.fork();
    const [acc] = await em.execute<Array<{ id: string }>>(`select id from ledger_account where kind = 'UNASSOCIATED' limit 1`);
    const [bank] = await em.execute<Array<{ id: string }>>(`select id from ledger_account where kind = 'BANK' limit 1`);
    const [e] = await em.execute<Array<{ id: string }>>(`insert into ledger_entry (kind, seller_id, memo, actor, created_at) values ('REVERSAL', ?, 'bad', 'test', now()) returning id::text as id`, [sellerId]);
    await em.execute(`insert into ledger_line (entry_id, account_id, amount) values (?, ?, '1.00')`, [e.id, acc.id]);
    const report = await verifyLedger(orm.em.fork());
    expect(report.violations).toEqual([expect.objectContaining({ check: 'ENTRY_UNBALANCED', entryIds: [e.id] }), expect.objectContaining({ check: 'BALANCE_MISMATCH', entryIds: [] })]);
    // Complete the entry and its projection (only lines and entries are append-only) so the book is whole again.
    await em.execute(`insert into ledger_line (entry_id, account_id, amount) values (?, ?, '-1.00')`, [e.id, bank.id]);
    await em.execute(`update ledger_account set balance = balance + case when id = ? then 1 else -1 end where id in (?, ?)`, [acc.id, acc.id, bank.id]);
  });
});
