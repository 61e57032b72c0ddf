import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { hubEntities } from '@ereceipt/testing/entities';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { ApproveAssociation } from './approve-association.usecase';
import { AssociateRemittance } from './associate-remittance.usecase';
import { verifyAuditChain } from './infrastructure/association-audit.writer';
import { loadMatchingContext, NARROWED_LIMIT } from './infrastructure/matching-context.loader';
import { matchingMetrics } from './matching.metrics';
import { RejectAssociation } from './reject-association.usecase';
import { financePrincipal as finance, MatchingWorld, secondFinancePrincipal as secondFinance } from './testing/matching-world';
import { UnbindAssociation } from './unbind-association.usecase';

/** Matching wired to recording on real PostgreSQL: retrieval, decisions, associations, order payments, audit, events. */
describe('matching (PostgreSQL)', () => {
  let world: MatchingWorld;
  let orm: MikroORM;
  let sellerId: string;
  let seller: Principal;
  let failures: string[];
  const addOrder = (buyerName: string, deposit: string, balance: string, currency?: string, sid?: string) => world.addOrder(buyerName, deposit, balance, currency, sid);
  const wire = (over: Partial<CanonicalRemittance>) => world.wire(over);
  const record = (r: CanonicalRemittance) => world.record(r);
  const view = (id: string) => world.view(id);
  const outbox = (key: string) => world.outbox(key);
  const order = (orderNo: string) => world.order(orderNo);

  beforeAll(async () => {
    world = await MatchingWorld.create('matching', hubEntities);
    ({ orm, sellerId, seller, failures } = world);
  });

  afterAll(async () => world?.close());

  it('quoted order number and buyer as payer: AUTO, deposit then balance (with charges) paid, order.paid once', async () => {
    const no = await addOrder('ACME TRADING LLC', '1860.00', '4340.00');
    const deposit = await record(wire({ amount: '1860.00', remittanceInfo: `PAYMENT FOR ORDER\n${no.slice(0, 10)}\n${no.slice(10)}` }));
    let v = await view(deposit);
    expect(v).toMatchObject({ status: 'ASSOCIATED', sellerId, decision: { outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF' }, associations: [{ orderNo: no, amount: '1860.00', method: 'AUTO', status: 'APPROVED' }] });
    expect(await order(no)).toMatchObject({ paidAmount: '1860.00', paymentStatus: 'PARTLY_PAID', milestones: [{ paidAmount: '1860.00' }, { paidAmount: '0.00' }] });
    expect((await outbox(deposit)).map((e) => e.type)).toEqual(['ereceipt.remittance.received.v1', 'ereceipt.remittance.associated.v1']);

    const balance = await record(wire({ amount: '4325.00', instructedAmount: { currency: 'USD', amount: '4340.00' }, chargesDeducted: [{ currency: 'USD', amount: '15.00' }], references: [no.toLowerCase()] }));
    v = await view(balance);
    expect(v).toMatchObject({ status: 'ASSOCIATED', decision: { outcome: 'AUTO', flags: ['BANK_CHARGES'] }, associations: [{ orderNo: no, amount: '4325.00', bankCharges: '15.00' }] });
    expect(await order(no)).toMatchObject({ paidAmount: '6185.00', paymentStatus: 'PAID', milestones: [{ paidAmount: '1860.00' }, { paidAmount: '4340.00' }] });
    const paid = (await outbox(no)).filter((e) => e.type === 'ereceipt.order.paid.v1');
    expect(paid).toHaveLength(1);
    expect(paid[0].payload).toMatchObject({ orderNo: no, paidAmount: '6185.00', sellerId });
  });

  it('a duplicate of a stored wire is not matched again', async () => {
    const no = await addOrder('ACME TRADING LLC', '500.00', '500.00');
    const r = wire({ amount: '500.00', references: [no] });
    await record(r);
    const copy = await record({ ...r, source: 'camt054' });
    expect(await view(copy)).toMatchObject({ status: 'DUPLICATE', decision: null, associations: [] });
    expect((await order(no)).paidAmount).toBe('500.00');
  });

  it('a third-party payer quoting the order: proposed to finance (UNDER_REVIEW); approve credits it, reject sends it to FOLLOW_UP', async () => {
    const no = await addOrder('GLOBEX IMPORTS INC', '700.00', '300.00');
    const id = await record(wire({ amount: '700.00', payer: { name: 'INITECH PAYMENTS SA', account: 'FR76300', address: [], bic: null }, remittanceInfo: `ORDER ${no}` }));
    const v = await view(id);
    expect(v).toMatchObject({ status: 'UNDER_REVIEW', decision: { outcome: 'SUGGEST', reason: 'MATCHING.THIRD_PARTY_PAYER' }, associations: [{ orderNo: no, status: 'PROPOSED', method: 'AUTO' }] });
    expect((await order(no)).paymentStatus).toBe('PARTLY_PAID');
    await expect(new ApproveAssociation(orm).execute(v.associations[0].id, seller)).rejects.toMatchObject({ code: 'MATCHING.FINANCE_ONLY', kind: 'forbidden' });
    // Four eyes: the first finance approval is recorded, the same person cannot give the second, another can.
    expect(await new ApproveAssociation(orm).execute(v.associations[0].id, finance)).toEqual({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW', firstApprovedBy: null });
    expect((await order(no)).paymentStatus).toBe('PARTLY_PAID');
    await expect(new ApproveAssociation(orm).execute(v.associations[0].id, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden' });
    expect(await new ApproveAssociation(orm).execute(v.associations[0].id, secondFinance)).toEqual({ status: 'APPROVED', remittanceStatus: 'ASSOCIATED', firstApprovedBy: 'finance:fin' });
    const trail = await orm.em.fork().execute<Array<{ action: string; actor: string; payload: { stage?: string; firstApprovedBy?: string } }>>(`select action, actor, payload from association_audit where association_id = ? order by seq`, [v.associations[0].id]);
    expect(trail.map((t) => [t.action, t.actor, t.payload.stage ?? null])).toEqual([['PROPOSE', 'system', null], ['APPROVE', 'finance:fin', 'FIRST'], ['APPROVE', 'finance:fin2', 'SECOND']]);
    expect(trail[2]?.payload.firstApprovedBy).toBe('finance:fin');
    await expect(new RejectAssociation(orm).execute(v.associations[0].id, finance)).rejects.toMatchObject({ code: 'MATCHING.NOT_PROPOSED', kind: 'conflict' });

    // Once finance approved it, that payer account is known for the buyer: its next payment is automatic.
    const learned = await record(wire({ amount: '300.00', payer: { name: 'INITECH PAYMENTS SA', account: 'fr 76300', address: [], bic: null }, references: [no] }));
    expect(await view(learned)).toMatchObject({ status: 'ASSOCIATED', associations: [{ orderNo: no, status: 'APPROVED' }] });

    const no2 = await addOrder('GLOBEX IMPORTS INC', '800.00', '200.00');
    const id2 = await record(wire({ amount: '800.00', payer: { name: 'INITECH PAYMENTS SA', account: 'DE4450010517', address: [], bic: null }, references: [no2] }));
    const proposed = (await view(id2)).associations[0];
    expect(proposed).toMatchObject({ orderNo: no2, status: 'PROPOSED' });
    expect(await new RejectAssociation(orm).execute(proposed.id, finance, 'not the buyer')).toEqual({ status: 'REJECTED', remittanceStatus: 'FOLLOW_UP' });
    expect(await order(no2)).toMatchObject({ paidAmount: '0.00', paymentStatus: 'UNPAID' });
    expect((await outbox(id2)).map((e) => e.type)).toContain('ereceipt.remittance.unbound.v1');
  });

  it('an unknown virtual account is unmatched; no order fits is unmatched; ambiguous amounts are suggested', async () => {
    const unknown = await record(wire({ beneficiary: { name: 'X', account: 'VA88999999999' } }));
    expect(await view(unknown)).toMatchObject({ status: 'PENDING_ASSOCIATION', sellerId: null, decision: { outcome: 'NONE', reason: 'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT' } });
    expect((await outbox(unknown)).map((e) => e.type)).toEqual(['ereceipt.remittance.received.v1', 'ereceipt.remittance.unmatched.v1']);

    await addOrder('WAYNE ENTERPRISES', '333.00', '667.00');
    await addOrder('WAYNE ENTERPRISES', '333.00', '667.00');
    const ambiguous = await record(wire({ amount: '333.00', payer: { name: 'Wayne Enterprises Ltd.', account: null, address: [], bic: null } }));
    const v = await view(ambiguous);
    expect(v).toMatchObject({ status: 'PENDING_ASSOCIATION', sellerId, decision: { outcome: 'SUGGEST' } });
    expect(v.decision?.candidates.length).toBeGreaterThanOrEqual(2);
    expect((await outbox(ambiguous)).map((e) => e.type)).toContain('ereceipt.remittance.suggested.v1');
  });

  it('manual association of several orders: 409 with the reason, then associated; unbind reverses the orders', async () => {
    const a = await addOrder('STARK INDUSTRIES', '400.00', '600.00');
    const b = await addOrder('STARK INDUSTRIES', '250.00', '250.00');
    const id = await record(wire({ amount: '645.00', payer: { name: 'S. INDUSTRIES HOLDING', account: null, address: [], bic: null } }));
    expect((await view(id)).status).toBe('PENDING_ASSOCIATION');
    const associate = new AssociateRemittance(orm);
    await expect(associate.execute(id, [{ orderNo: a, amount: '400.00' }, { orderNo: b, amount: '200.00' }], finance)).rejects.toMatchObject({ code: 'MATCHING.AMOUNT_MISMATCH', kind: 'conflict', message: expect.stringContaining('unallocated') });
    await expect(associate.execute(id, [{ orderNo: a, amount: '400.00' }, { orderNo: b, amount: '400.00' }], finance)).rejects.toMatchObject({ code: 'MATCHING.AMOUNT_MISMATCH' });
    const other = await addOrder('STARK INDUSTRIES', '100.00', '100.00', 'EUR');
    await expect(associate.execute(id, [{ orderNo: other, amount: '645.00' }], finance)).rejects.toMatchObject({ code: 'MATCHING.CURRENCY_MISMATCH' });
    // 650 asked for, 645 credited: 5.00 of bank charges (within 1 % / 50), taken off the larger allocation.
    const done = await associate.execute(id, [{ orderNo: a, amount: '400.00' }, { orderNo: b, amount: '250.00' }], seller);
    expect(done).toMatchObject({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' });
    expect(await order(a)).toMatchObject({ paidAmount: '395.00', milestones: [{ paidAmount: '400.00' }, { paidAmount: '0.00' }] });
    expect(await order(b)).toMatchObject({ paidAmount: '250.00', paymentStatus: 'PARTLY_PAID' });
    await expect(associate.execute(id, [{ orderNo: a, amount: '645.00' }], finance)).rejects.toMatchObject({ code: 'MATCHING.ALREADY_ASSOCIATED' });

    expect(await new UnbindAssociation(orm).execute(id, done.associationId, seller)).toEqual({ remittanceStatus: 'PENDING_ASSOCIATION' });
    expect(await order(a)).toMatchObject({ paidAmount: '0.00', paymentStatus: 'UNPAID', milestones: [{ paidAmount: '0.00' }, { paidAmount: '0.00' }] });
    expect(await order(b)).toMatchObject({ paidAmount: '0.00', paymentStatus: 'UNPAID' });
    await expect(new UnbindAssociation(orm).execute(id, done.associationId, finance)).rejects.toMatchObject({ code: 'MATCHING.NOT_LIVE' });
    expect((await view(id)).associations.map((x) => x.status)).toEqual(['UNBOUND', 'UNBOUND']);

    // Four eyes on a finance association: proposed by one finance person, approved by another (never by the same).
    const byHand = await associate.execute(id, [{ orderNo: a, amount: '400.00' }, { orderNo: b, amount: '250.00' }], finance);
    expect(byHand).toMatchObject({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' });
    await expect(new ApproveAssociation(orm).execute(byHand.associationId, finance)).rejects.toMatchObject({ code: 'FOUR_EYES.SAME_PERSON', kind: 'forbidden', message: expect.stringContaining('fin proposed') });
    expect(await new ApproveAssociation(orm).execute(byHand.associationId, secondFinance, 'checked the invoice')).toEqual({ status: 'APPROVED', remittanceStatus: 'ASSOCIATED', firstApprovedBy: 'finance:fin' });
    expect(await new UnbindAssociation(orm).execute(id, byHand.associationId, finance)).toEqual({ remittanceStatus: 'PENDING_ASSOCIATION' });
    // At or below the currency's FOUR_EYES_ABOVE threshold one finance person suffices; another currency's threshold does not count.
    expect(await new AssociateRemittance(orm, { fourEyesAbove: { EUR: '1000000.00' } }).execute(id, [{ orderNo: a, amount: '645.00' }], finance)).toMatchObject({ status: 'PROPOSED' });
    const proposedAgain = (await view(id)).associations.find((x) => x.status === 'PROPOSED');
    await new UnbindAssociation(orm).execute(id, proposedAgain?.id ?? '', finance);
    expect(await new AssociateRemittance(orm, { fourEyesAbove: { USD: '645.00' } }).execute(id, [{ orderNo: a, amount: '645.00' }], finance)).toMatchObject({ status: 'APPROVED', remittanceStatus: 'ASSOCIATED' });
  });

  it('a seller with more open orders than the cap: bounded candidates, still AUTO by reference and by payer + amount', async () => {
    const applied = await new ApplySeller(orm).execute({ legalName: 'BIG SELLER CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'b@example.cn' });
    const approved = await new DecideSeller(orm).approve(applied.sellerId);
    const bigVa = approved.collectionAccounts[0].accountNumber;
    await orm.em.fork().execute(
      `insert into ereceipt_order (id, order_no, seller_id, external_order_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date, export_method, lifecycle_status, payment_status, fulfilment_status, created_at, updated_at)
       select gen_random_uuid(), 'EO-2025-' || lpad(i::text, 6, '0'), ?, null, 'BULK BUYER ' || (i % 40) || ' TRADING LLC', 'b@x', 'US', 'USD', 300, 0, '[]',
              '[{"kind":"DEPOSIT","amount":"100.00","paidAmount":"0.00","dueDate":"2027-01-01","preShipment":true},{"kind":"BALANCE","amount":"200.00","paidAmount":"0.00","dueDate":"2027-02-01","preShipment":false}]',
              'FOB', date '2027-02-01', 'SELF_EXPORT', 'SUBMITTED', 'UNPAID', 'NOT_SHIPPED', now() - interval '2 days', now()
         from generate_series(1, 400) i`,
      [approved.sellerId],
    );
    const unique = await addOrder('ZEPHYRINE OPTICS GMBH', '4321.09', '1000.00', 'USD', approved.sellerId);
    const byAmount = wire({ amount: '4321.09', payer: { name: 'Zephyrine Optics', account: null, address: [], bic: null }, beneficiary: { name: 'BIG', account: bigVa } });
    const loaded = await loadMatchingContext(orm.em.fork(), byAmount);
    expect(loaded.context.orders.length).toBeLessThanOrEqual(2 * NARROWED_LIMIT);
    expect(loaded.context.orders.map((o) => o.orderNo)).toContain(unique);
    expect(await view(await record(byAmount))).toMatchObject({ status: 'ASSOCIATED', decision: { reason: 'MATCHING.AUTO_AMOUNT_PAYER' }, associations: [{ orderNo: unique }] });

    const quoted = await record(wire({ amount: '100.00', payer: { name: 'BULK BUYER 7 TRADING LLC', account: null, address: [], bic: null }, beneficiary: { name: 'BIG', account: bigVa }, remittanceInfo: 'ORDER EO-2025-000007' }));
    expect(await view(quoted)).toMatchObject({ status: 'ASSOCIATED', associations: [{ orderNo: 'EO-2025-000007', amount: '100.00' }] });
  });

  it('a matching failure keeps the wire: stored, PENDING_ASSOCIATION, no decision, logged and counted', async () => {
    const failuresBefore = (await matchingMetrics.failures.get()).values[0]?.value ?? 0;
    const broken = await addOrder('BROKEN DATA LLC', '10.00', '10.00');
    await orm.em.fork().execute(`update ereceipt_order set milestones = jsonb_set(milestones, '{0,amount}', '"ten"') where order_no = ?`, [broken]);
    const id = await record(wire({ amount: '10.00', payer: { name: 'BROKEN DATA LLC', account: null, address: [], bic: null }, references: [broken] }));
    expect(await view(id)).toMatchObject({ status: 'PENDING_ASSOCIATION', decision: null, associations: [] });
    expect(failures).toEqual([expect.stringContaining(`matching failed for remittance ${id}`)]);
    expect((await matchingMetrics.failures.get()).values[0]?.value).toBe(failuresBefore + 1);
    // Every decision made so far is counted by outcome and reason (what /metrics serves).
    const decisions = (await matchingMetrics.decisions.get()).values;
    expect(decisions.find((v) => v.labels.outcome === 'AUTO' && v.labels.reason === 'MATCHING.AUTO_ORDER_REF')?.value).toBeGreaterThan(0);
    expect((await outbox(id)).map((e) => e.type)).toEqual(['ereceipt.remittance.received.v1']);
    await orm.em.fork().execute(`update ereceipt_order set lifecycle_status = 'CANCELLED' where order_no = ?`, [broken]);
  });

  it('the audit chain verifies, refuses updates, and a tampered row breaks it', async () => {
    const verdict = await verifyAuditChain(orm.em.fork(), sellerId);
    expect(verdict).toMatchObject({ ok: true });
    const em = orm.em.fork();
    await expect(em.execute(`update association_audit set actor = 'mallory' where chain = ?`, [sellerId])).rejects.toThrow(/append-only/);
    await em.execute(`alter table association_audit disable trigger association_audit_append_only`);
    await em.execute(`update association_audit set payload = jsonb_set(payload, '{allocations,0,amount}', '"1.00"') where seq = (select min(seq) from association_audit where chain = ?)`, [sellerId]);
    await em.execute(`alter table association_audit enable trigger association_audit_append_only`);
    expect(await verifyAuditChain(orm.em.fork(), sellerId)).toMatchObject({ ok: false, problem: 'HASH' });

    // What an operator runs: `ereceipt audit verify` names the broken row and exits 1.
    const cli = spawnSync(process.execPath, [join(__dirname, '../../../bin/ereceipt.js'), 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: world.dbUrl, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`seller ${sellerId}: row content does not hash to its stored hash at seq \\d+`));
    expect(cli.stdout).toMatch(/FAILED: 1 of \d+ chain\(s\) broken/);
  });
});
