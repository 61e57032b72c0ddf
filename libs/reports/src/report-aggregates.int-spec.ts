import fc from 'fast-check';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import type { ReportFilter } from './reconciliation-report';
import { ReconciliationReports } from './reconciliation-reports.service';
import { ReportAggregates } from './report-aggregates';

/**
 * Property: whatever happened to the remittances, their associations, allocations, orders and
 * decisions, and however far the catch-up job got (not at all, part of the queue, all of it), the
 * report from the aggregates equals the full recomputation, section by section, for every filter.
 * Histories are random sequences of the writes the hub makes, done in SQL on real PostgreSQL (the
 * triggers under test see exactly what they see in production: statements on the tables).
 */
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];
const CURRENCIES = ['USD', 'EUR', 'JPY'];
const SELLERS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', null];
const BICS = ['CHASUS33XXX', 'BANKCNSHXXX', null];
const R_STATUS = ['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP', 'RETURNED'];
const A_STATUS = ['PROPOSED', 'APPROVED', 'REJECTED', 'UNBOUND'];
const FLAGS = ['[]', '["UNDERPAID"]', '["OVERPAID"]', '["BANK_CHARGES"]'];
const ORDERS = ['EO-P-1', 'EO-P-2', 'EO-P-3'];

type Op =
  | { op: 'remittance'; day: number; currency: number; seller: number; bic: number; cents: number; status: number; dupOf: number | null }
  | { op: 'status'; r: number; status: number }
  | { op: 'associate'; r: number; auto: boolean; status: number; flags: number; off: boolean }
  | { op: 'association-status'; a: number; status: number }
  | { op: 'allocate'; a: number; order: number; whole: boolean; charges: boolean }
  | { op: 'delete-allocation'; a: number }
  | { op: 'order'; order: number; partial: boolean }
  | { op: 'decide'; r: number; outcome: number }
  | { op: 'catch-up'; batch: number; batches: number };

const n = (max: number) => fc.nat({ max });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('remittance' as const), day: n(2), currency: n(2), seller: n(2), bic: n(2), cents: fc.integer({ min: 1, max: 99_999 }), status: n(4), dupOf: fc.option(n(20), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('status' as const), r: n(20), status: n(4) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('associate' as const), r: n(20), auto: fc.boolean(), status: n(3), flags: n(3), off: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('association-status' as const), a: n(20), status: n(3) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('allocate' as const), a: n(20), order: n(2), whole: fc.boolean(), charges: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-allocation' as const), a: n(20) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('order' as const), order: n(2), partial: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('decide' as const), r: n(20), outcome: n(2) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('catch-up' as const), batch: fc.integer({ min: 1, max: 7 }), batches: fc.integer({ min: 1, max: 3 }) }) },
);

describe('reconciliation report from maintained aggregates = full recomputation (PostgreSQL, random histories)', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    const db = await freshDatabase('report_aggregates');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  async function play(ops: Op[]): Promise<void> {
    const em = orm.em.fork();
    await em.execute(`truncate remittance, remittance_association, association_allocation, ereceipt_order, match_decision, report_dirty, report_fact, report_aggregate`);
    const rems: Array<{ id: string; amount: string; currency: string }> = [];
    const assocs: string[] = [];
    let seq = 0;
    const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
    for (const o of ops) {
      seq += 1;
      switch (o.op) {
        case 'remittance': {
          const currency = CURRENCIES[o.currency];
          const amount = currency === 'JPY' ? String(o.cents) : (o.cents / 100).toFixed(2);
          const dup = o.dupOf === null ? undefined : pick(rems, o.dupOf);
          const [row] = await em.execute<Array<{ id: string }>>(
            `insert into remittance (id, source, message_ref, sender_bic, value_date, currency, amount, charge_bearer, charges_deducted, payer_name, payer_address, beneficiary_name, beneficiary_account,
               "references", possible_duplicate, fingerprint, duplicate_of, seller_id, status, received_at, inbound_message_id, channel, source_index, source_line, raw)
             values (gen_random_uuid(), 'mt103', ?, ?, ?::date, ?, ?::numeric, 'SHA', '[]', 'PAYER', '[]', 'SELLER', 'VA88', '[]', false, md5(random()::text), ?::uuid, ?::uuid, ?, ?::date + interval '13 hours', 1, 'kafka', 0, 1, 'raw')
             returning id`,
            [`REF${seq}`, BICS[o.bic], DAYS[o.day], currency, amount, dup?.id ?? null, SELLERS[o.seller], dup ? 'DUPLICATE' : R_STATUS[o.status], DAYS[o.day]],
          );
          if (!dup) rems.push({ id: row.id, amount, currency });
          break;
        }
        case 'status': {
          const r = pick(rems, o.r);
          if (r) await em.execute(`update remittance set status = ? where id = ?`, [R_STATUS[o.status], r.id]);
          break;
        }
        case 'associate': {
          const r = pick(rems, o.r);
          if (!r) break;
          const [row] = await em.execute<Array<{ id: string }>>(
            `insert into remittance_association (id, remittance_id, seller_id, currency, amount, method, status, flags, scores, rule_version, actor, created_at, updated_at)
             values (gen_random_uuid(), ?, ?, ?, ?::numeric + ?, ?, ?, ?::jsonb, '[]', 'matching-rules/1', 'system', now(), now()) returning id`,
            [r.id, SELLERS[0], r.currency, r.amount, o.off ? 1 : 0, o.auto ? 'AUTO' : 'MANUAL', A_STATUS[o.status], FLAGS[o.flags]],
          );
          assocs.push(row.id);
          break;
        }
        case 'association-status': {
          const a = pick(assocs, o.a);
          if (a) await em.execute(`update remittance_association set status = ?, updated_at = now() where id = ?`, [A_STATUS[o.status], a]);
          break;
        }
        case 'allocate': {
          const a = pick(assocs, o.a);
          if (a) {
            await em.execute(
              `insert into association_allocation (id, association_id, order_no, amount, bank_charges, settled)
               select gen_random_uuid(), id, ?, case when ? then amount else 1 end, case when ? then 2 else 0 end, amount from remittance_association where id = ?`,
              [ORDERS[o.order], o.whole, o.charges, a],
            );
          }
          break;
        }
        case 'delete-allocation': {
          const a = pick(assocs, o.a);
          if (a) await em.execute(`delete from association_allocation where association_id = ?`, [a]);
          break;
        }
        case 'order':
          await em.execute(
            `insert into ereceipt_order (id, order_no, seller_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date,
               export_method, lifecycle_status, payment_status, fulfilment_status, created_at, updated_at)
             values (gen_random_uuid(), ?, ?, 'BUYER', 'b@x.example', 'US', 'USD', 10, 5, '[]', '[]', 'FOB', '2027-01-01', 'SELF_EXPORT', 'CONFIRMED', ?, 'NOT_SHIPPED', now(), now())
             on conflict (order_no) do update set payment_status = excluded.payment_status, updated_at = now()`,
            [ORDERS[o.order], SELLERS[0], o.partial ? 'PARTLY_PAID' : 'PAID'],
          );
          break;
        case 'decide': {
          const r = pick(rems, o.r);
          if (r) {
            await em.execute(
              `insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at) values (?, ?, 'MATCHING.TEST', 'matching-rules/1', '{}', now())
               on conflict (remittance_id) do update set outcome = excluded.outcome`,
              [r.id, ['AUTO', 'SUGGEST', 'NONE'][o.outcome]],
            );
          }
          break;
        }
        case 'catch-up':
          await new ReportAggregates(orm.em.fork()).catchUp(o.batch, o.batches);
          break;
      }
    }
  }

  const filters: ReportFilter[] = [
    { from: DAYS[0], to: DAYS[2], sellerId: null, currency: null, bank: null },
    { from: DAYS[1], to: DAYS[1], sellerId: null, currency: null, bank: null },
    { from: DAYS[0], to: DAYS[2], sellerId: SELLERS[0]!, currency: null, bank: null },
    { from: DAYS[0], to: DAYS[1], sellerId: null, currency: 'USD', bank: null },
    { from: DAYS[0], to: DAYS[2], sellerId: null, currency: null, bank: 'BANKCN' },
  ];
  const now = new Date('2026-11-20T12:00:00Z');

  async function expectSameReports(): Promise<void> {
    const reports = new ReconciliationReports(orm);
    for (const filter of filters) {
      const full = await reports.build(filter, now, 'full');
      expect(await reports.build(filter, now, 'aggregates')).toEqual(full);
      expect(await reports.queue(filter, { minAgeDays: 18 }, now, 'aggregates')).toEqual(await reports.queue(filter, { minAgeDays: 18 }, now, 'full'));
    }
  }

  it('agrees over random histories, with the job behind, part way or caught up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.boolean(), async (ops, catchUpAtEnd) => {
        await play(ops);
        await expectSameReports();
        if (catchUpAtEnd) {
          await new ReportAggregates(orm.em.fork()).catchUp();
          expect(await new ReportAggregates(orm.em.fork()).backlog()).toBe(0);
          await expectSameReports();
        }
      }),
      { numRuns: 30 },
    );
  }, 600_000);

  it('once caught up, the aggregates alone are the recomputed sums (nothing left to correct)', async () => {
    await play([
      { op: 'remittance', day: 0, currency: 0, seller: 0, bic: 0, cents: 12_345, status: 2, dupOf: null },
      { op: 'associate', r: 0, auto: true, status: 1, flags: 3, off: false },
      { op: 'allocate', a: 0, order: 0, whole: true, charges: true },
      { op: 'order', order: 0, partial: true },
      { op: 'remittance', day: 0, currency: 0, seller: 0, bic: 0, cents: 12_345, status: 0, dupOf: 0 },
    ]);
    await new ReportAggregates(orm.em.fork()).catchUp();
    const rows = await orm.em.fork().execute<Array<{ category: string; n: string; amount: string; auto_rn: string; partial_n: string; charges: string }>>(
      `select category, n::text, amount::text, auto_rn::text, partial_n::text, charges::text from report_aggregate order by category`,
    );
    expect(rows).toEqual([
      { category: 'associatedAuto', n: '1', amount: '123.45', auto_rn: '1', partial_n: '1', charges: '2' },
      { category: 'duplicate', n: '1', amount: '123.45', auto_rn: '0', partial_n: '0', charges: '0' },
    ]);
  });
});
