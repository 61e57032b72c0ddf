import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { dec } from '@ereceipt/money';
import { ormOptions } from '@ereceipt/persistence';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { ExceptionQueueQuery, type QueueRequest } from './exception-queue.query';
import { parseAmountSearch, type QueueCategory, queueSorts } from './exception-queue.rules';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';

const finance: Principal = { tokenId: 'f', name: 'fin', role: 'finance', sellerId: null };
const N = 20_000;
const today = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);

/** Every plan node, depth first. */
function nodes(plan: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (n: Record<string, unknown>) => {
    out.push(n);
    for (const child of (n.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  walk((plan as Array<{ Plan: Record<string, unknown> }>)[0].Plan);
  return out;
}

/**
 * The exception queue's keyset pages on PostgreSQL (issue 22 §5), against oracles it does not share
 * code with: one ORDER BY of the whole queue (no paging) for the order, the report's full
 * recomputation for each state's count, decimal.js over every row for the amount search, and
 * PostgreSQL's own plan for the index.
 */
describe('exception queue pages (PostgreSQL)', () => {
  let orm: MikroORM;
  let reports: ReconciliationReports;
  const request = (over: Partial<QueueRequest> = {}): QueueRequest => ({
    filter: reportFilter({ from, to: today }, finance), category: 'waiting', sort: 'age', order: 'asc', cursor: null, limit: 97,
    minAgeDays: null, amount: null, payer: null, reference: null, orderNo: null, ...over,
  });
  const all = async (over: Partial<QueueRequest>): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const page = await reports.queuePage(request({ ...over, cursor }));
      ids.push(...page.rows.map((r) => r.remittanceId));
      cursor = page.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('no last page');
  };

  beforeAll(async () => {
    const db = await freshDatabase('exception_queue');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
    const applied = await new ApplySeller(orm).execute({ legalName: 'QUEUE EXPORT CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'q@example.cn' });
    const { sellerId } = await new DecideSeller(orm).approve(applied.sellerId);
    const em = orm.em.fork();
    // Ties on purpose: 400 distinct instants and 97 distinct amounts, so the id decides many places.
    await em.execute(`
      insert into remittance (id, source, message_ref, uetr, end_to_end_id, sender_bic, value_date, currency, amount, instructed_amount, charge_bearer, charges_deducted,
        payer_name, payer_account, payer_address, payer_bic, beneficiary_name, beneficiary_account, remittance_info, "references", related_reference, possible_duplicate,
        fingerprint, duplicate_of, seller_id, status, received_at, inbound_message_id, channel, file_name, source_index, source_line, raw)
      select md5('q-' || i)::uuid, 'mt103', 'QREF-' || i, null, null, 'BANKUS33XXX', current_date, case when i % 3 = 0 then 'EUR' when i % 3 = 1 then 'USD' else 'JPY' end,
        case when i % 3 = 2 then (1000 + i % 97)::numeric else (i % 97)::numeric + 0.5 end, null, 'SHA', '[]',
        'PAYER ' || (i % 37), null, '[]', null, 'QUEUE', 'VA1', case when i % 50 = 0 then 'INVOICE EO-Q-' || i else null end, '[]', null, false,
        md5('qf-' || i), null, '${sellerId}',
        case when i % 10 < 6 then 'PENDING_ASSOCIATION' when i % 10 = 6 then 'UNDER_REVIEW' when i % 10 = 7 then 'FOLLOW_UP' when i % 10 = 8 then 'ASSOCIATED' else 'RETURNED' end,
        now() - ((i % 400) * interval '41 minutes') - (case when i % 10 < 8 then interval '0' else interval '1 day' end), i, 'kafka', null, 0, 1, 'raw'
      from generate_series(1, ${N}) i`);
    await em.execute(`
      insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at)
      select md5('q-' || i)::uuid, case when i % 2 = 0 then 'SUGGEST' else 'NONE' end, case when i % 2 = 0 then 'MATCHING.AMBIGUOUS_AMOUNT' else 'MATCHING.NO_CANDIDATE' end, 'matching-rules/1',
        jsonb_build_object('candidates', case when i % 2 = 0 then jsonb_build_array(jsonb_build_object('orderNo', 'EO-C-' || (i % 41))) else '[]'::jsonb end), now()
      from generate_series(1, ${N}) i where i % 10 < 6`);
    await em.execute(`
      insert into remittance_association (id, remittance_id, seller_id, currency, amount, method, status, reason, flags, scores, rule_version, actor, uetr, end_to_end_id, payer_account, created_at, updated_at, decided_by, decided_at, decision_note)
      select md5('qa-' || i)::uuid, md5('q-' || i)::uuid, '${sellerId}', r.currency, r.amount, case when i % 20 = 8 then 'MANUAL' else 'AUTO' end, case when i % 10 = 6 then 'PROPOSED' else 'APPROVED' end,
        null, '[]', '[]', 'matching-rules/1', 'system', null, null, null, now(), now(), null, null, null
      from generate_series(1, ${N}) i join remittance r on r.id = md5('q-' || i)::uuid where i % 10 in (6, 8)`);
    await em.execute(`analyze remittance; analyze match_decision; analyze remittance_association`);
    reports = new ReconciliationReports(orm);
  }, 120_000);

  afterAll(async () => orm?.close());

  it.each(queueSorts.flatMap((sort) => (['asc', 'desc'] as const).map((order) => [sort, order] as const)))('pages through the whole queue by %s %s: every row once, in the order of one ORDER BY', async (sort, order) => {
    const cols = { age: 'received_at', amount: 'amount', currency: 'currency, received_at' }[sort];
    const expected = (await orm.em.fork().execute<Array<{ id: string }>>(
      `select id from remittance where duplicate_of is null and status in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP', 'IDENTITY_CONFLICT')
       order by ${cols.split(', ').map((c) => `${c} ${order}`).join(', ')}, id ${order}`,
    )).map((r) => r.id);
    expect(expected.length).toBe(N * 0.8);
    const got = await all({ sort, order });
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(expected);
  });

  it('counts each state as the report\'s full recomputation does (the dashboard tile and its queue agree)', async () => {
    const full = await reports.build(reportFilter({ from, to: today }, finance), new Date(), 'full');
    const [section] = full.currencies.filter((c) => c.currency === 'EUR');
    const eur = reportFilter({ from, to: today, currency: 'EUR' }, finance);
    const count = async (category: QueueCategory) => (await reports.queuePage(request({ filter: eur, category, limit: 1 }))).total;
    for (const c of ['unmatched', 'suggested', 'underReview', 'followUp', 'returned', 'associatedAuto', 'associatedManual'] as const) expect([c, await count(c)]).toEqual([c, section.byCategory[c].count]);
    expect(await count('all')).toBe(section.received.count);
  });

  it('searches by amount (exact and range, decimal compare), payer, reference and order number', async () => {
    const rows = await orm.em.fork().execute<Array<{ id: string; amount: string; payer_name: string; message_ref: string; remittance_info: string | null }>>(
      `select id, amount::text as amount, payer_name, message_ref, remittance_info from remittance where status in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP') order by received_at, id`,
    );
    const ids = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).map((r) => r.id).sort();
    const sorted = async (over: Partial<QueueRequest>) => (await all(over)).sort();
    expect(await sorted({ amount: parseAmountSearch('12.5') })).toEqual(ids((r) => dec(r.amount).equals('12.50')));
    expect(await sorted({ amount: parseAmountSearch('10.5..20.5') })).toEqual(ids((r) => dec(r.amount).gte('10.5') && dec(r.amount).lte('20.5')));
    expect(await sorted({ amount: parseAmountSearch('1090..') })).toEqual(ids((r) => dec(r.amount).gte(1090)));
    expect(await sorted({ payer: 'payer 7' })).toEqual(ids((r) => r.payer_name.toLowerCase().includes('payer 7')));
    expect(await sorted({ reference: 'QREF-123' })).toEqual(ids((r) => r.message_ref.includes('QREF-123')));
    expect(await sorted({ orderNo: 'eo-q-1500' })).toEqual(ids((r) => r.remittance_info === 'INVOICE EO-Q-1500'));
    const candidates = await sorted({ orderNo: 'EO-C-5' });
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates).toEqual((await orm.em.fork().execute<Array<{ id: string }>>(`select remittance_id as id from match_decision where decision->'candidates'->0->>'orderNo' = 'EO-C-5' order by 1`)).map((r) => r.id).sort());
  });

  it.each(queueSorts)('reads a page by %s from its partial index, with no sort of the queue (EXPLAIN)', async (sort) => {
    const second = (await reports.queuePage(request({ sort, order: 'desc' }))).nextCursor;
    for (const category of ['waiting', 'suggested'] as const) {
      const plan = await orm.em.fork().transactional(async (tx) => new ExceptionQueueQuery(tx).explain(request({ sort, order: 'desc', category, cursor: category === 'waiting' ? second : null }), today));
      const all = nodes(plan);
      expect(all.map((n) => n['Index Name'])).toContain(`remittance_queue_${sort}_idx`);
      expect(all.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort')).toEqual([]);
    }
  });
});
