import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { ApproveAssociation, AssociateRemittance, MatchRemittance, UnbindAssociation } from '@ereceipt/matching';
import { OutboxWriter } from '@ereceipt/messaging';
import { OrderEntity } from '@ereceipt/orders';
import { ormOptions } from '@ereceipt/persistence';
import { RecordRemittance, RemittanceHooks } from '@ereceipt/remittances';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { MailOutboxWriterFactory } from '@ereceipt/notifications';
import { JobRegistry } from '@ereceipt/scheduling';
import { DailyReportMailJob, DAILY_REPORT_JOB } from './daily-report.job';
import { reportDayFor } from './daily-report.mail';
import { FundsLedgerSource } from './funds-ledger.source';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';
import { reportToCsv } from './report-csv';
import { reportToXlsx } from './report-xlsx';

const today = new Date().toISOString().slice(0, 10);
const finance: Principal = { tokenId: 'f', name: 'fin', role: 'finance', sellerId: null };

/** The report over remittances recorded and matched by the real use cases on PostgreSQL. */
describe('reconciliation report (PostgreSQL)', () => {
  let orm: MikroORM;
  let hooks: RemittanceHooks;
  let sellerId: string;
  let va: string;
  let seq = 0;

  async function addOrder(buyerName: string, deposit: string, balance: string): Promise<string> {
    seq += 1;
    const orderNo = `EO-${today.slice(0, 4)}-${String(800000 + seq)}`;
    const now = new Date();
    await orm.em.fork().insert(OrderEntity, {
      id: randomUUID(), orderNo, sellerId, externalOrderId: null, buyerName, buyerEmail: 'ap@buyer.example', buyerCountry: 'US', currency: 'USD',
      total: (Number(deposit) + Number(balance)).toFixed(2), paidAmount: '0.00', lines: [],
      milestones: [{ kind: 'DEPOSIT', amount: deposit, dueDate: today, preShipment: true, paidAmount: '0.00' }, { kind: 'BALANCE', amount: balance, dueDate: today, preShipment: false, paidAmount: '0.00' }],
      incoterm: 'FOB', expectedShipDate: today, exportMethod: 'SELF_EXPORT', lifecycleStatus: 'SUBMITTED', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED',
      cancelReason: null, createdAt: new Date(now.getTime() - 86_400_000), updatedAt: now, submittedAt: now, cancelledAt: null,
    });
    return orderNo;
  }

  async function record(over: Partial<CanonicalRemittance>): Promise<string> {
    const r: CanonicalRemittance = {
      source: 'mt103', messageRef: `REF-${randomUUID().slice(0, 8)}`, uetr: randomUUID(), endToEndId: null, senderBic: 'BANKUS33XXX', valueDate: today, currency: 'USD', amount: '100.00',
      instructedAmount: null, chargeBearer: 'SHA', chargesDeducted: [], payer: { name: 'ACME TRADING LLC', account: null, address: [], bic: null },
      beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: va }, remittanceInfo: null, references: [], relatedReference: null, possibleDuplicate: false, ...over,
    };
    return orm.em.fork().transactional(async (em) => {
      const result = await new RecordRemittance(em, new OutboxWriter(em), hooks).execute({ remittance: r, location: { index: 0, line: 1, raw: 'raw' } }, { inboundMessageId: '1', channel: 'http', topic: null, partition: null, offset: null, fileName: null });
      return result.id;
    });
  }

  beforeAll(async () => {
    const db = await freshDatabase('reports');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    const applied = await new ApplySeller(orm).execute({ legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@example.cn' });
    const approved = await new DecideSeller(orm).approve(applied.sellerId);
    sellerId = approved.sellerId;
    va = approved.collectionAccounts[0].accountNumber;
    hooks = new RemittanceHooks();
    const match = new MatchRemittance();
    hooks.register({ afterRecorded: async (rec) => void (await match.within(rec)), viewExtras: async () => new Map() });
  });

  afterAll(async () => orm?.close());

  it('counts, amounts, aging, KPIs and discrepancies agree with what happened, in JSON, CSV and XLSX', async () => {
    const a = await addOrder('ACME TRADING LLC', '1000.00', '2000.00');
    const b = await addOrder('ACME TRADING LLC', '333.33', '666.67');
    await record({ amount: '1000.00', remittanceInfo: `ORDER ${a}` }); // AUTO by reference
    const wrong = await record({ amount: '333.33', remittanceInfo: `ORDER ${b}` }); // AUTO, later unbound
    const unmatched = await record({ amount: '7.77', payer: { name: '=HYPERLINK("x")', account: null, address: [], bic: null } }); // nothing fits
    const unknown = await record({ amount: '5.00', beneficiary: { name: 'X', account: 'VA88000000000' } }); // no seller
    const view = await orm.em.fork().execute<Array<{ id: string }>>(`select id from remittance_association where remittance_id = ? and status = 'APPROVED'`, [wrong]);
    await new UnbindAssociation(orm).execute(wrong, view[0].id, finance);
    const byHand = await new AssociateRemittance(orm).execute(wrong, [{ orderNo: b, amount: '333.33' }], finance);
    await new ApproveAssociation(orm).execute(byHand.associationId, { ...finance, tokenId: 'f2', name: 'fin2' }); // four eyes
    // Two days old, still unmatched.
    await orm.em.fork().execute(`update remittance set received_at = received_at - interval '3 days' where id = ?`, [unmatched]);

    const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const report = await new ReconciliationReports(orm).build(reportFilter({ from, to: today }, finance));
    const usd = report.currencies.find((c) => c.currency === 'USD')!;
    expect(usd.received).toEqual({ count: 4, amount: '1346.10' });
    expect(usd.byCategory.associatedAuto).toEqual({ count: 1, amount: '1000.00' });
    expect(usd.byCategory.associatedManual).toEqual({ count: 1, amount: '333.33' });
    expect(usd.byCategory.unmatched).toEqual({ count: 2, amount: '12.77' });
    expect(usd.aging['3-7']).toEqual({ count: 1, amount: '7.77' });
    expect(usd.aging['0-2']).toEqual({ count: 1, amount: '5.00' });
    expect(usd.partial).toEqual({ count: 2, amount: '1333.33' });
    expect(usd.kpis).toMatchObject({ autoAssociated: { count: 2, amount: '1333.33' }, autoRateByCount: '0.5000', autoRateByAmount: '0.9905', wrongAuto: { unbound: 1, rejected: 0 }, wrongAutoRate: '0.5000' });
    expect(report.exceptions.map((e) => e.remittanceId)).toEqual([unmatched, unknown]);
    expect(report.exceptions[0].ageDays).toBe(3);
    expect(report.discrepancies).toEqual([expect.objectContaining({ code: 'UNKNOWN_COLLECTION_ACCOUNT', records: [{ type: 'remittance', id: unknown, detail: 'VA88000000000' }] })]);
    expect(report.funds.available).toBe(false);
    const withLedger = await new ReconciliationReports(orm, new FundsLedgerSource(orm)).build(reportFilter({ from, to: today }, finance));
    expect(withLedger.funds).toMatchObject({ available: true, withdrawals: [], refunds: [], fxSettled: [] });
    expect(withLedger.funds.ledgerProof.every((l) => l.proven)).toBe(true);

    // Scoped: a seller sees only its own (the unknown-account wire is nobody's); another bank, nothing.
    const own = await new ReconciliationReports(orm).build(reportFilter({ from, to: today, sellerId: randomUUID() }, { tokenId: 's', name: 's', role: 'seller', sellerId }));
    expect(own.totals.received).toBe(3);
    expect((await new ReconciliationReports(orm).build(reportFilter({ from, to: today, bank: 'OTHR' }, finance))).totals.received).toBe(0);

    expect(reportToCsv(report)).toContain(`,"'=HYPERLINK(""x"") | `);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportToXlsx(report)) as unknown as ExcelJS.Buffer);
    const received: unknown[] = [];
    wb.getWorksheet('Summary')!.eachRow((r) => { if (r.getCell(1).value === 'USD' && r.getCell(2).value === 'Received') received.push(r.getCell(3).value, r.getCell(4).value); });
    expect(received).toEqual([4, 1346.1]);
  });

  it('the daily e-mail: yesterday in the configured time zone, XLSX attached, queued once per day and recipient', async () => {
    expect(reportDayFor(new Date('2026-11-27T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-27');
    expect(reportDayFor(new Date('2026-11-27T23:30:00Z'), 'UTC')).toBe('2026-11-26');
    const registry = new JobRegistry();
    const config = { reportMail: { to: ['finance@example.com', 'cfo@example.com'], at: '07:00', timeZone: 'UTC' }, http: { port: 0, publicUrl: 'http://hub.example' } };
    const job = new DailyReportMailJob(registry, orm, new ReconciliationReports(orm, new FundsLedgerSource(orm)), new MailOutboxWriterFactory(), config);
    job.onModuleInit();
    expect(registry.get(DAILY_REPORT_JOB)?.schedule).toEqual({ dailyAt: '07:00', timeZone: 'UTC' });
    const due = new Date(Date.now() + 86_400_000); // tomorrow's run reports on today
    expect(await job.send(due)).toBe(2);
    expect(await job.send(due)).toBe(0);
    const rows = await orm.em.fork().execute<Array<{ to_address: string; subject: string; attachments: Array<{ filename: string; contentType: string; contentBase64: string }> }>>(
      `select to_address, subject, attachments from mail_outbox where kind = 'reconciliation-report' order by to_address`,
    );
    expect(rows.map((r) => r.to_address)).toEqual(['cfo@example.com', 'finance@example.com']);
    expect(rows[0].subject).toMatch(new RegExp(`^Reconciliation ${today}: 3 received, 2 associated`));
    expect(rows[0].attachments[0]).toMatchObject({ filename: `reconciliation-${today}-${today}.xlsx`, contentType: expect.stringContaining('spreadsheetml') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(rows[0].attachments[0].contentBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Summary')!.getRow(2).getCell(3).value).toBe(3);
    // Without recipients the job is not registered.
    const none = new JobRegistry();
    new DailyReportMailJob(none, orm, new ReconciliationReports(orm), new MailOutboxWriterFactory(), { ...config, reportMail: { ...config.reportMail, to: [] } }).onModuleInit();
    expect(none.jobs()).toEqual([]);
  });

  it('a wire that reuses a UETR with other money counts as received, in identityConflict, and waits in the exceptions (issue #16)', async () => {
    const uetr = randomUUID();
    await record({ uetr, currency: 'GBP', amount: '50.00' });
    const conflict = await record({ uetr, currency: 'CHF', amount: '3000.00' });
    const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const report = await new ReconciliationReports(orm).build(reportFilter({ from, to: today, currency: 'CHF' }, finance));
    const chf = report.currencies.find((c) => c.currency === 'CHF')!;
    expect({ received: chf.received, conflicts: chf.byCategory.identityConflict }).toEqual({ received: { count: 1, amount: '3000.00' }, conflicts: { count: 1, amount: '3000.00' } });
    expect(report.exceptions).toEqual([expect.objectContaining({ remittanceId: conflict, status: 'IDENTITY_CONFLICT', category: 'identityConflict', reason: 'REMITTANCES.IDENTITY_CONFLICT' })]);
    expect(report.discrepancies).toEqual([]);
  });
});

