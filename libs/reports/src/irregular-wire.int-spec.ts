import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { swiftMtConnector } from '@connectors/swift-mt';
import { MatchRemittance } from '@ereceipt/matching';
import { OutboxWriter } from '@ereceipt/messaging';
import { ormOptions } from '@ereceipt/persistence';
import { canonicalOf, RecordRemittance, RemittanceEntity, RemittanceHooks } from '@ereceipt/remittances';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';
import { reportToCsv } from './report-csv';

const today = new Date().toISOString().slice(0, 10);
const yymmdd = today.slice(2).replace(/-/g, '');
const finance: Principal = { tokenId: 'f', name: 'fin', role: 'finance', sellerId: null };

/**
 * Issue 21 end to end on PostgreSQL: an MT103 that breaks only network rules (E13: OUR with 71F;
 * an `@` outside the x set) is parsed, stored with its irregularities, sent to review instead of
 * an AUTO, and counted in the reconciliation report; an unusable one yields no remittance.
 */
describe('an irregular wire (PostgreSQL)', () => {
  let orm: MikroORM;
  let hooks: RemittanceHooks;
  let va: string;

  beforeAll(async () => {
    const db = await freshDatabase('irregular');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    const applied = await new ApplySeller(orm).execute({ legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'f@example.cn' });
    va = (await new DecideSeller(orm).approve(applied.sellerId)).collectionAccounts[0].accountNumber;
    hooks = new RemittanceHooks();
    const match = new MatchRemittance();
    hooks.register({ afterRecorded: async (rec) => void (await match.within(rec)), viewExtras: async () => new Map() });
  });

  afterAll(async () => orm?.close());

  const mt103 = (ref: string, amountLine: string, extra: string[]): string =>
    [
      '{1:F01CHASUS33AXXX0000000000}{2:I103BKCHCNBJ400N}{4:',
      `:20:${ref}`,
      ':23B:CRED',
      `:32A:${yymmdd}${amountLine}`,
      ':33B:USD1010,',
      ':50F:CUST/KR/SEOULTRADE-00042',
      '1/ACME TRADING LLC',
      `:59:/${va}`,
      'NINGBO EXAMPLE CO LTD',
      ':70:PAYMENT ACME@EXAMPLE',
      ':71A:OUR',
      ...extra,
      '-}',
    ].join('\r\n');

  it('is stored with its rule codes, queued for review, shown in the view and counted in the report', async () => {
    const parsed = await swiftMtConnector.parse(new TextEncoder().encode(mt103('IRREG-1', 'USD1000,', [':71F:USD10,'])));
    expect(parsed.issues).toEqual([]);
    const wire = parsed.remittances[0];
    expect(wire.remittance.irregularities?.map((i) => i.code).sort()).toEqual(['MT103.E13', 'MT103.X_CHARSET']);
    const id = await orm.em.fork().transactional(async (em) => {
      const result = await new RecordRemittance(em, new OutboxWriter(em), hooks).execute(wire, { inboundMessageId: '1', channel: 'http', topic: null, partition: null, offset: null, fileName: 'irregular.fin' });
      return result.id;
    });

    const em = orm.em.fork();
    const row = await em.findOneOrFail(RemittanceEntity, { id });
    expect(row.irregularities.map((i) => i.code).sort()).toEqual(['MT103.E13', 'MT103.X_CHARSET']);
    expect(row.details?.payerIdentifier).toEqual({ code: 'CUST', country: 'KR', id: 'SEOULTRADE-00042' });
    // What GET /remittances/{id} and the console show (the view spreads the canonical record).
    const view = canonicalOf(row);
    expect(view.irregularities).toHaveLength(2);
    expect(view.payer.identifier).toEqual({ code: 'CUST', country: 'KR', id: 'SEOULTRADE-00042' });
    const [decision] = await em.execute<Array<{ outcome: string }>>(`select outcome from match_decision where remittance_id = ?`, [id]);
    expect(decision?.outcome ?? 'NONE').not.toBe('AUTO');
    const autos = await em.execute<Array<{ n: number }>>(`select count(*)::int as n from remittance_association where remittance_id = ? and method = 'AUTO'`, [id]);
    expect(autos[0].n).toBe(0);

    const report = await new ReconciliationReports(orm).build(reportFilter({ from: today, to: today }, finance));
    const usd = report.currencies.find((c) => c.currency === 'USD')!;
    expect(usd.irregular).toEqual({ count: 1, amount: '1000.00' });
    expect(reportToCsv(report)).toContain('irregular');
  });

  it('an unusable wire (no decimal comma in 32A) yields no remittance, with the precise reason', async () => {
    const parsed = await swiftMtConnector.parse(new TextEncoder().encode(mt103('UNUSABLE-1', 'USD1000', [])));
    expect(parsed.remittances).toEqual([]);
    expect(parsed.issues.map((i) => i.code)).toEqual(['MT103.BAD_32A']);
  });
});
