/**
 * The reconciliation report over 1M remittances (issue 9 §6): seconds per report, JSON, CSV and XLSX.
 *
 * Seeds a fresh database `ereceipt_hub_bench_report` in SQL (generate_series): R remittances received
 * over D days in USD (70 %), EUR (20 %) and JPY (10 %) for S sellers, with their match decisions,
 * associations (auto 50 %, by hand 20 %, under review 5 %, rejected 5 %, plus an unbound auto
 * association on 1 %), allocations and orders (a third of them part paid), 10 % suggested, 5 %
 * unmatched, 5 % duplicates. Then builds the report's maintained aggregates (issue 17 §4:
 * `ReportAggregates.rebuild`, the seed being a bulk load) and times `ReconciliationReports.build`
 * both ways side by side: by full recomputation (one grouped scan of the period, the exception
 * queue, the discrepancy checks over the period, the ledger section) and from the aggregates, for
 * the whole period, one day, one seller and one currency; each pair of reports must be equal. Then
 * the catch-up job after 10,000 changed remittances, and the renders to CSV and XLSX. Median of N runs each.
 *
 *   [BENCH_DATABASE=name] npm run bench -- report [--remittances 1m] [--days 30] [--sellers 100] [--runs 3] [--reuse]
 */
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormOptions } from '@ereceipt/persistence';
import { isDeepStrictEqual } from 'node:util';
import { FundsLedgerSource, ReconciliationReports, ReportAggregates, type ReportFilter, reportToCsv, reportToXlsx } from '@ereceipt/reports';
import { recreateDatabase, withDatabase } from '@ereceipt/testing';
import { hubEntities } from '@app/hub/entities';
import { BenchArgs } from './support/args';
import { conditions, printJsonLine, printTable, round, runBench } from './support/report';
import { ensureServices } from './support/services';

/** BENCH_DATABASE names another database (one per person on a shared server), e.g. with --reuse. */
const DATABASE = process.env.BENCH_DATABASE ?? 'ereceipt_hub_bench_report';
const START = '2026-10-01';

interface Options {
  remittances: number;
  days: number;
  sellers: number;
  runs: number;
  reuse: boolean;
}

function readOptions(): Options {
  const args = new BenchArgs();
  args.rejectUnknown(['remittances', 'days', 'sellers', 'runs', 'reuse']);
  return { remittances: args.int('remittances', 1_000_000), days: args.int('days', 30), sellers: args.int('sellers', 100), runs: args.int('runs', 3), reuse: args.flag('reuse') };
}

const seller = (expr: string) => `(md5('seller-' || (${expr}))::uuid)`;

/** Everything in SQL: i = 1..R; i % 20 decides the state, i % 10 the currency. */
async function seed(url: string, o: Options): Promise<number> {
  const t0 = performance.now();
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const step = async (what: string, sql: string) => {
      const t = performance.now();
      await db.query(sql);
      process.stderr.write(`[report] ${what}: ${round((performance.now() - t) / 1000, 1)} s\n`);
    };
    await db.query(`set synchronous_commit = off`);
    await step('remittances', `
      insert into remittance (id, source, message_ref, uetr, end_to_end_id, sender_bic, value_date, currency, amount, instructed_amount, charge_bearer, charges_deducted,
        payer_name, payer_account, payer_address, payer_bic, beneficiary_name, beneficiary_account, remittance_info, "references", related_reference, possible_duplicate,
        fingerprint, duplicate_of, seller_id, status, received_at, inbound_message_id, channel, file_name, source_index, source_line, raw)
      select md5('r-' || i)::uuid, 'mt103', 'REF' || i, null, null, case when i % 4 = 0 then 'BANKCNSHXXX' else 'CHASUS33XXX' end,
        d::date, cur, case when cur = 'JPY' then (1000 + (i * 7919) % 900000)::numeric else ((i * 7919) % 10000000 + 100)::numeric / 100 end, null, 'SHA', '[]',
        'PAYER ' || (i % 5000), null, '[]', null, 'SELLER', 'VA88' || (i % ${o.sellers}), 'ORDER', '[]', null, false,
        md5('f-' || i), case when i % 20 = 19 then md5('r-' || (i - 1))::uuid end, case when i % 40 = 37 then null else ${seller(`i % ${o.sellers}`)} end,
        case i % 20 when 14 then 'UNDER_REVIEW' when 15 then 'PENDING_ASSOCIATION' when 16 then 'PENDING_ASSOCIATION' when 17 then 'PENDING_ASSOCIATION' when 18 then 'FOLLOW_UP' when 19 then 'DUPLICATE' else 'ASSOCIATED' end,
        d, i, 'kafka', null, 0, 1, 'raw'
      from (select i, case when i % 10 < 7 then 'USD' when i % 10 < 9 then 'EUR' else 'JPY' end as cur,
              timestamptz '${START}T00:00:00Z' + ((i % ${o.days}) * interval '1 day') + ((i * 37) % 86400) * interval '1 second' as d
            from generate_series(1::bigint, ${o.remittances}) i) g`);
    await step('decisions', `
      insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at)
      select id, case when status = 'ASSOCIATED' and (hashtext(id::text) & 1) = 0 or status in ('UNDER_REVIEW') then 'AUTO' when status = 'PENDING_ASSOCIATION' and right(message_ref, 1) in ('5', '6') then 'SUGGEST' when status = 'PENDING_ASSOCIATION' then 'NONE' else 'SUGGEST' end,
        'MATCHING.BENCH', 'matching-rules/1', '{"candidates":[],"flags":[]}', received_at
      from remittance where duplicate_of is null`);
    // i % 20: 0..9 auto, 10..13 by hand, 14 under review, 18 rejected; i % 100 = 1 also has an earlier unbound auto association.
    await step('associations', `
      insert into remittance_association (id, remittance_id, seller_id, currency, amount, method, status, reason, flags, scores, rule_version, actor, uetr, end_to_end_id, payer_account, created_at, updated_at, decided_by, decided_at, decision_note)
      select md5('a-' || i)::uuid, md5('r-' || i)::uuid, ${seller(`i % ${o.sellers}`)}, cur, amt, case when i % 20 between 10 and 13 then 'MANUAL' else 'AUTO' end,
        case i % 20 when 14 then 'PROPOSED' when 18 then 'REJECTED' else 'APPROVED' end, null,
        case when i % 7 = 0 then '["BANK_CHARGES"]'::jsonb when i % 50 = 3 then '["UNDERPAID"]'::jsonb when i % 50 = 4 then '["OVERPAID"]'::jsonb else '[]'::jsonb end, '[]'::jsonb, 'matching-rules/1', 'system', null::uuid, null, null, now(), now(), null, null::timestamptz, null
      from (select i, case when i % 10 < 7 then 'USD' when i % 10 < 9 then 'EUR' else 'JPY' end as cur,
              case when i % 10 = 9 then (1000 + (i * 7919) % 900000)::numeric else ((i * 7919) % 10000000 + 100)::numeric / 100 end as amt
            from generate_series(1::bigint, ${o.remittances}) i where i % 20 not in (15, 16, 17, 19) and i % 40 <> 37) g
      union all
      select md5('u-' || i)::uuid, md5('r-' || i)::uuid, ${seller(`i % ${o.sellers}`)}, 'USD', 1, 'AUTO', 'UNBOUND', null, '[]'::jsonb, '[]'::jsonb, 'matching-rules/1', 'system', null, null, null, now(), now(), null, null, null
      from generate_series(1::bigint, ${o.remittances}) i where i % 100 = 1`);
    await step('allocations', `
      insert into association_allocation (id, association_id, order_no, amount, bank_charges, settled)
      select md5('al-' || a.id)::uuid, a.id, 'EO-B-' || r.message_ref, a.amount, case when a.flags @> '["BANK_CHARGES"]' then 1 else 0 end, a.amount
      from remittance_association a join remittance r on r.id = a.remittance_id`);
    await step('orders', `
      insert into ereceipt_order (id, order_no, seller_id, external_order_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date,
        export_method, lifecycle_status, payment_status, fulfilment_status, cancel_reason, created_at, updated_at, submitted_at, cancelled_at)
      select md5('o-' || al.order_no)::uuid, al.order_no, a.seller_id, null, 'BUYER', 'b@x.example', 'US', a.currency, al.amount, al.amount, '[]', '[]', 'FOB', '2027-01-01',
        'SELF_EXPORT', 'CONFIRMED', case when hashtext(al.order_no) % 3 = 0 then 'PARTLY_PAID' else 'PAID' end, 'NOT_SHIPPED', null, now(), now(), now(), null
      from association_allocation al join remittance_association a on a.id = al.association_id where a.status <> 'UNBOUND'
      on conflict do nothing`);
    await step('analyze', `analyze`);
  } finally {
    await db.end();
  }
  return (performance.now() - t0) / 1000;
}

async function time<T>(runs: number, f: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const samples: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await f();
    samples.push((performance.now() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { seconds: round(samples[Math.floor(samples.length / 2)] ?? Number.NaN, 2), value: value as T };
}

async function main(): Promise<void> {
  const o = readOptions();
  const services = await ensureServices();
  const url = withDatabase(services.databaseUrl, DATABASE);
  let seedSeconds = 0;
  if (!o.reuse) {
    process.stderr.write(`[report] recreating ${DATABASE} and seeding ${o.remittances.toLocaleString('en-US')} remittances over ${o.days} days...\n`);
    await recreateDatabase(services.databaseUrl, DATABASE, 'bench');
    seedSeconds = await seed(url, o);
  }
  const orm = await MikroORM.init(ormOptions({ databaseUrl: url, dbPoolMax: 4 }, hubEntities));
  try {
    const reports = new ReconciliationReports(orm, new FundsLedgerSource(orm));
    const last = new Date(Date.parse(START) + (o.days - 1) * 86_400_000).toISOString().slice(0, 10);
    const now = new Date(Date.parse(last) + 40 * 86_400_000);
    const filters: Array<[string, ReportFilter]> = [
      [`whole period (${o.days} days)`, { from: START, to: last, sellerId: null, currency: null, bank: null }],
      ['one day', { from: last, to: last, sellerId: null, currency: null, bank: null }],
      ['one seller, whole period', { from: START, to: last, sellerId: (await orm.em.fork().execute<Array<{ id: string }>>(`select md5('seller-' || 1)::uuid::text as id`))[0].id, currency: null, bank: null }],
      ['one currency (EUR), whole period', { from: START, to: last, sellerId: null, currency: 'EUR', bank: null }],
    ];
    const aggregates = new ReportAggregates(orm.em.fork());
    const rebuild = await time(1, () => aggregates.rebuild());
    process.stderr.write(`[report] aggregates rebuilt from ${rebuild.value.toLocaleString('en-US')} remittances in ${rebuild.seconds} s\n`);
    // The rebuild deleted the seed's whole queue (millions of rows): vacuum as autovacuum would soon do
    // (the migration makes it eager on report_dirty), or every report scans the dead rows.
    await orm.em.fork().execute(`vacuum analyze report_dirty, report_fact, report_aggregate`);
    const rows: Array<Array<string | number>> = [['report', 'remittances', 'full recomputation s', 'from aggregates s', 'full / aggregates', 'equal']];
    const result: Record<string, unknown> = { remittances: o.remittances, days: o.days, sellers: o.sellers, seedSeconds: round(seedSeconds, 1), aggregatesRebuildSeconds: rebuild.seconds };
    let whole = null as Awaited<ReturnType<ReconciliationReports['build']>> | null;
    let disagreements = 0;
    for (const [name, filter] of filters) {
      const full = await time(o.runs, () => reports.build(filter, now, 'full'));
      const agg = await time(o.runs, () => reports.build(filter, now, 'aggregates'));
      const equal = isDeepStrictEqual(full.value, agg.value);
      if (!equal) disagreements += 1;
      whole ??= agg.value;
      rows.push([name, agg.value.totals.received, full.seconds, agg.seconds, round(full.seconds / agg.seconds, 1), equal ? 'yes' : 'NO']);
      result[name] = { fullSeconds: full.seconds, aggregatesSeconds: agg.seconds, received: agg.value.totals.received, equal };
    }
    // The job's steady state: a batch of changes (status flips on 10,000 remittances) caught up.
    const db = orm.em.fork();
    await db.execute(`update remittance set status = case status when 'FOLLOW_UP' then 'PENDING_ASSOCIATION' else status end where id in (select id from remittance order by id limit 10000)`);
    const backlog = await aggregates.backlog();
    const withBacklog = await time(1, () => reports.build(filters[0][1], now, 'aggregates'));
    const catchUp = await time(1, () => aggregates.catchUp());
    rows.push([`whole period, ${backlog.toLocaleString('en-US')} remittances queued`, withBacklog.value.totals.received, '-', withBacklog.seconds, '-', '-']);
    rows.push([`catch-up job over those ${backlog.toLocaleString('en-US')}`, catchUp.value, '-', catchUp.seconds, '-', '-']);
    result.catchUp = { remittances: catchUp.value, seconds: catchUp.seconds, reportWithBacklogSeconds: withBacklog.seconds };
    const report = whole!;
    const csv = await time(o.runs, async () => reportToCsv(report));
    const xlsx = await time(o.runs, () => reportToXlsx(report));
    rows.push(['render CSV (whole period)', report.totals.received, '-', csv.seconds, '-', '-'], ['render XLSX (whole period)', report.totals.received, '-', xlsx.seconds, '-', '-']);
    result.csvSeconds = csv.seconds;
    result.xlsxSeconds = xlsx.seconds;
    result.xlsxBytes = xlsx.value.length;
    printTable(`Reconciliation report over ${o.remittances.toLocaleString('en-US')} remittances (seeded in ${round(seedSeconds, 1)} s)`, rows);
    const usd = report.currencies.find((c) => c.currency === 'USD');
    process.stdout.write(`whole period: ${report.totals.received} received, ${report.totals.associated} associated, ${report.totals.unmatched} unmatched, ${report.totals.suggested} suggested, ${report.totals.discrepancies} discrepancy records; USD auto rate ${usd?.kpis.autoRateByCount} by count, ${usd?.kpis.autoRateByAmount} by amount, wrong-auto ${usd?.kpis.wrongAutoRate}\n`);
    printJsonLine({ bench: 'report', ...result, conditions: conditions() });
    if (disagreements > 0) throw new Error(`${disagreements} report(s) from the aggregates differ from the full recomputation`);
  } finally {
    await orm.close();
  }
}

runBench(main);
