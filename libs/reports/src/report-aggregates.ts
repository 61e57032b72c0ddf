import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExceptionRow, RemittanceCategory, ReportFilter } from './reconciliation-report';
import { type CheckRow, CLASSIFIED, DISCREPANCY_RECORDS_LIMIT, type DiscrepancyCheck, LIVE, REMITTANCE_COLUMNS, ReconciliationRepository, toExceptionRow } from './reconciliation.repository';
import type { GroupRow } from './reconciliation.rules';

/**
 * Reports from maintained aggregates (issue 17 §4; tables and triggers in Migration20261207200000).
 *
 * A fact is one remittance's classification with the report's own definitions (the CLASSIFIED SQL
 * of the full path, so the two cannot drift apart): UTC day, currency, seller, sender BIC, category
 * (`duplicate` for a copy), amount and the KPI columns, plus whether any discrepancy check could
 * list it. `report_aggregate` holds the facts summed per day x currency x seller x sender BIC x
 * category. `report_dirty` is the queue of remittances whose classification may have changed.
 */

/** The facts of the remittances `where` selects (a condition on `r`), in the report_fact column order. */
export function factsSql(where: string): string {
  return `with p as materialized (select ${REMITTANCE_COLUMNS}, r.sender_bic, r.duplicate_of from remittance r where ${where}), ${CLASSIFIED},
    lv as (
      select ra.remittance_id, count(*) as live_n, bool_or(ra.amount <> p.amount) as amount_mismatch,
        bool_or(coalesce((select sum(al.amount) from association_allocation al where al.association_id = ra.id), 0) <> ra.amount) as allocations_mismatch
      from remittance_association ra join p on p.id = ra.remittance_id where ra.status in ${LIVE} group by ra.remittance_id)
    select k.id as remittance_id, (k.received_at at time zone 'UTC')::date as day, k.received_at, k.currency, k.seller_id, k.sender_bic,
      case when k.duplicate_of is not null then 'duplicate' else k.category end as category, k.status, k.amount,
      coalesce(k.auto_n, 0)::int as auto_n, coalesce(k.auto_unbound, 0)::int as auto_unbound, coalesce(k.auto_rejected, 0)::int as auto_rejected,
      coalesce(k.underpaid, false) as underpaid, coalesce(k.overpaid, false) as overpaid, coalesce(k.partial, false) as partial, coalesce(k.charges, 0) as charges,
      cardinality(d.codes) > 0 as discrepancy, d.codes as discrepancies
    from k left join lv on lv.remittance_id = k.id
    cross join lateral (select case when k.duplicate_of is not null then '{}'::text[] else array_remove(array[
      case when k.status in ('ASSOCIATED', 'UNDER_REVIEW') and lv.live_n is null then 'STATUS_WITHOUT_ASSOCIATION' end,
      case when k.status not in ('ASSOCIATED', 'UNDER_REVIEW') and lv.live_n is not null then 'ASSOCIATION_WITHOUT_STATUS' end,
      case when lv.live_n > 1 then 'SEVERAL_LIVE_ASSOCIATIONS' end,
      case when lv.amount_mismatch then 'ASSOCIATION_AMOUNT_MISMATCH' end,
      case when lv.allocations_mismatch then 'ALLOCATIONS_NOT_ADDING_UP' end,
      case when k.seller_id is null and k.status <> 'RETURNED' then 'UNKNOWN_COLLECTION_ACCOUNT' end], null) end as codes) d`;
}

/** The `?` parameter CLASSIFIED takes (the day ages are counted to); facts do not use the age. */
const ANY_DAY = '2000-01-01';
const KEY = ['day', 'currency', 'seller_id', 'sender_bic', 'category', 'status'];

/** What a set of facts adds to the aggregates (times `sign`), grouped by `keys`. */
function contribution(sign: 1 | -1): string {
  const s = sign === 1 ? '' : ' * -1';
  return [
    `count(*)${s} as n`, `sum(amount)${s} as amount`,
    `count(*) filter (where auto_n > 0)${s} as auto_rn`, `coalesce(sum(amount) filter (where auto_n > 0), 0)${s} as auto_amount`,
    `sum(auto_n)${s} as auto_associations`, `sum(auto_unbound)${s} as auto_unbound`, `sum(auto_rejected)${s} as auto_rejected`,
    `count(*) filter (where underpaid)${s} as underpaid_n`, `coalesce(sum(amount) filter (where underpaid), 0)${s} as underpaid_amount`,
    `count(*) filter (where overpaid)${s} as overpaid_n`, `coalesce(sum(amount) filter (where overpaid), 0)${s} as overpaid_amount`,
    `count(*) filter (where partial)${s} as partial_n`, `coalesce(sum(amount) filter (where partial), 0)${s} as partial_amount`,
    `count(*) filter (where charges > 0)${s} as charges_n`, `sum(charges)${s} as charges`,
  ].join(', ');
}
const SUMS = ['n', 'amount', 'auto_rn', 'auto_amount', 'auto_associations', 'auto_unbound', 'auto_rejected', 'underpaid_n', 'underpaid_amount', 'overpaid_n', 'overpaid_amount', 'partial_n', 'partial_amount', 'charges_n', 'charges'];

/** Adds the contribution of the facts of `ids` (times `sign`) to the aggregates. */
function moveAggregates(sign: 1 | -1): string {
  return `insert into report_aggregate (${KEY.join(', ')}, ${SUMS.join(', ')})
    select ${KEY.join(', ')}, ${contribution(sign)} from report_fact where remittance_id = any(?::uuid[]) group by ${KEY.join(', ')}
    on conflict (${KEY.join(', ')}) do update set ${SUMS.map((c) => `${c} = report_aggregate.${c} + excluded.${c}`).join(', ')}`;
}

/** The incremental job: queued remittances -> facts -> aggregates, in batches. */
export class ReportAggregates {
  constructor(private readonly em: EntityManager) {}

  /**
   * Works the queue until it is empty (or `maxBatches` batches are done); returns how many
   * remittances were reclassified. Each batch is one transaction holding an advisory lock, so two
   * catch-ups (two hub replicas) never interleave; it runs at READ COMMITTED so each statement sees
   * everything committed before it: a queue row it deletes was committed before the facts are read,
   * and a change committed after that leaves its own queue row for the next batch.
   */
  async catchUp(batchSize = 5000, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const n = await this.em.fork().transactional(async (tx) => {
        await tx.execute(`select pg_advisory_xact_lock(hashtext('ereceipt.report_aggregates'))`);
        // As for the report: JIT would spend seconds compiling these mis-estimated joins for a small batch.
        await tx.execute(`set local jit = off`);
        const taken = await tx.execute<Array<{ remittance_id: string }>>(
          `delete from report_dirty where id in (select id from report_dirty order by id limit ?) returning remittance_id`,
          [batchSize],
        );
        if (taken.length === 0) return 0;
        // One array parameter (a PostgreSQL array literal: knex would spread a JS array into a list).
        const distinct = [...new Set(taken.map((r) => r.remittance_id))];
        const ids = `{${distinct.join(',')}}`;
        await tx.execute(moveAggregates(-1), [ids]);
        await tx.execute(`delete from report_fact where remittance_id = any(?::uuid[])`, [ids]);
        await tx.execute(`insert into report_fact ${factsSql(`r.id = any(?::uuid[])`)}`, [ids, ANY_DAY]);
        await tx.execute(moveAggregates(1), [ids]);
        await tx.execute(`delete from report_aggregate where n = 0 and (${KEY.join(', ')}) in (select ${KEY.join(', ')} from report_fact where remittance_id = any(?::uuid[]))`, [ids]);
        return distinct.length;
      });
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  /**
   * Everything again from scratch (after a change of the report's definitions, or to seed a
   * database loaded in bulk): the queue emptied, every remittance classified, the aggregates summed.
   * The same lock and the same READ COMMITTED argument as `catchUp`.
   */
  async rebuild(): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(hashtext('ereceipt.report_aggregates'))`);
      await tx.execute(`delete from report_dirty`);
      await tx.execute(`delete from report_fact`);
      await tx.execute(`delete from report_aggregate`);
      await tx.execute(`set local jit = off`);
      await tx.execute(`set local work_mem = '256MB'`);
      await tx.execute(`insert into report_fact ${factsSql('true')}`, [ANY_DAY]);
      await tx.execute(`insert into report_aggregate (${KEY.join(', ')}, ${SUMS.join(', ')}) select ${KEY.join(', ')}, ${contribution(1)} from report_fact group by ${KEY.join(', ')}`);
      const [row] = await tx.execute<Array<{ n: number }>>(`select count(*)::int as n from report_fact`);
      return row?.n ?? 0;
    });
  }

  /** Remittances waiting in the queue (the report corrects for them; the job's backlog). */
  async backlog(): Promise<number> {
    const [row] = await this.em.execute<Array<{ n: number }>>(`select count(distinct remittance_id)::int as n from report_dirty`);
    return row?.n ?? 0;
  }
}

/** Filters on a fact-shaped relation aliased `x`; `?` parameters in order. */
function factFilter(f: ReportFilter): { sql: string; params: unknown[] } {
  const where = [`x.day >= ?::date`, `x.day <= ?::date`];
  const params: unknown[] = [f.from, f.to];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.sellerId) add(`x.seller_id = ?`, f.sellerId);
  if (f.currency) add(`x.currency = ?`, f.currency);
  if (f.bank) add(`x.sender_bic like ?`, `${f.bank.replace(/[%_\\]/g, '')}%`);
  return { sql: where.join(' and '), params };
}

const PENDING = `(select distinct remittance_id from report_dirty)`;

/**
 * The report's reads from the aggregates. In the report's snapshot, the aggregates are exact for
 * every remittance not in the queue; for those in it (the job's backlog), their fact's contribution
 * is taken out and their live classification put in. So the answer equals the full recomputation
 * whatever the backlog; its cost grows with the period's groups and the backlog, not with the
 * period's remittances.
 */
export class AggregateReconciliationRepository extends ReconciliationRepository {
  /** Facts of the remittances in the queue, classified now (the correction), as a CTE named `live`. */
  private liveCte(): string {
    return `live as (${factsSql(`r.id in ${PENDING}`)})`;
  }

  /** Every contribution in the period: aggregates, minus queued remittances' facts, plus their live facts. */
  private contributions(f: ReportFilter, categoryWhere: string, categoryParams: unknown[] = []): { sql: string; params: unknown[] } {
    const w = factFilter(f);
    const ps = [...w.params, ...categoryParams];
    const cols = `x.day, x.currency, x.category`;
    return {
      sql: `with ${this.liveCte()}, src as (
          select ${cols}, ${SUMS.map((c) => `x.${c}`).join(', ')} from report_aggregate x where ${w.sql} and ${categoryWhere}
          union all select ${cols}, ${contribution(-1)} from report_fact x where x.remittance_id in ${PENDING} and ${w.sql} and ${categoryWhere} group by 1, 2, 3
          union all select ${cols}, ${contribution(1)} from live x where ${w.sql} and ${categoryWhere} group by 1, 2, 3)`,
      params: [ANY_DAY, ...ps, ...ps, ...ps],
    };
  }

  override async groups(f: ReportFilter, asOfDay: string): Promise<GroupRow[]> {
    const c = this.contributions(f, `x.category <> 'duplicate'`);
    const rows = await this.em.execute<Array<Record<string, string | number | null>>>(
      `${c.sql}
       select day::text as day, currency, category,
         case when category in ('unmatched', 'suggested') then
           case when ?::date - day <= 2 then '0-2' when ?::date - day <= 7 then '3-7' when ?::date - day <= 30 then '8-30' else '>30' end end as bucket,
         ${SUMS.map((s) => (s.endsWith('amount') || s === 'charges' ? `sum(${s})::text as ${s}` : `sum(${s})::int as ${s}`)).join(', ')}
       from src group by day, currency, category having sum(n) <> 0`,
      [...c.params, asOfDay, asOfDay, asOfDay],
    );
    return rows.map((r) => ({
      day: r.day as string, currency: r.currency as string, category: r.category as RemittanceCategory, bucket: r.bucket as GroupRow['bucket'], n: r.n as number, amount: r.amount as string,
      autoN: r.auto_rn as number, autoAmount: r.auto_amount as string, autoAssociations: r.auto_associations as number, autoUnbound: r.auto_unbound as number, autoRejected: r.auto_rejected as number,
      underpaidN: r.underpaid_n as number, underpaidAmount: r.underpaid_amount as string, overpaidN: r.overpaid_n as number, overpaidAmount: r.overpaid_amount as string,
      partialN: r.partial_n as number, partialAmount: r.partial_amount as string, chargesN: r.charges_n as number, charges: r.charges as string,
    }));
  }

  override async duplicates(f: ReportFilter): Promise<Array<{ currency: string; n: number; amount: string }>> {
    const c = this.contributions(f, `x.category = 'duplicate'`);
    return this.em.execute(`${c.sql} select currency, sum(n)::int as n, sum(amount)::text as amount from src group by currency having sum(n) <> 0`, c.params);
  }

  /**
   * Like the full path, what waits for a person leaves out remittances marked ASSOCIATED (even
   * inconsistent ones: the discrepancy checks list those). The total comes from the aggregates; the
   * page from each state's facts in `received_at` order (index), merged.
   */
  override async exceptions(f: ReportFilter, asOfDay: string, limit: number, options: { category?: RemittanceCategory | null; minAgeDays?: number | null } = {}): Promise<{ rows: ExceptionRow[]; total: number }> {
    const wanted = options.category ? [options.category] : ['unmatched', 'suggested', 'underReview', 'followUp', 'identityConflict', 'inconsistent'];
    const minAge = options.minAgeDays ?? 0;
    const inWanted = `x.category in (${wanted.map(() => '?').join(', ')}) and x.status <> 'ASSOCIATED' and ?::date - x.day >= ?`;
    const c = this.contributions(f, inWanted, [...wanted, asOfDay, minAge]);
    const [count] = await this.em.execute<Array<{ n: number }>>(`${c.sql} select coalesce(sum(n), 0)::int as n from src`, c.params);
    const w = factFilter(f);
    const period = `x.received_at >= (?::date::timestamp at time zone 'UTC') and x.received_at < ((?::date + 1)::timestamp at time zone 'UTC')`;
    const perState = wanted.map(
      () => `(select x.remittance_id, x.received_at, x.category, x.day from report_fact x
         where x.category = ? and ${period} and ${w.sql} and x.status <> 'ASSOCIATED' and ?::date - x.day >= ? and x.remittance_id not in ${PENDING}
         order by x.received_at, x.remittance_id limit ?)`,
    );
    const rows = await this.em.execute<Array<Record<string, unknown>>>(
      `with ${this.liveCte()}, e as (
         ${perState.join(' union all ')}
         union all select x.remittance_id, x.received_at, x.category, x.day from live x where ${inWanted} and ${w.sql}),
       page as (select e.* from e order by e.received_at, e.remittance_id limit ?)
       select r.id, r.message_ref, r.received_at, r.value_date::text as value_date, r.currency, r.amount::text as amount, r.payer_name, r.seller_id, r.status, page.category,
         coalesce(d.reason, case when page.category = 'identityConflict' then 'REMITTANCES.IDENTITY_CONFLICT' end) as decision_reason, (?::date - page.day)::int as age_days
       from page join remittance r on r.id = page.remittance_id left join match_decision d on d.remittance_id = r.id order by page.received_at, page.remittance_id`,
      [ANY_DAY, ...wanted.flatMap((state) => [state, f.from, f.to, ...w.params, asOfDay, minAge, limit]), ...wanted, asOfDay, minAge, ...w.params, limit, asOfDay],
    );
    return { total: count?.n ?? 0, rows: rows.map(toExceptionRow) };
  }

  /**
   * The same checks as the full path on the period's remittances whose fact carries the check's code
   * (or that the queue holds); a remittance-level check listed in full by the facts is answered from
   * them (count and first page), reading only the page's remittances.
   */
  protected override async checkRows(check: DiscrepancyCheck, f: ReportFilter): Promise<CheckRow[]> {
    if (check.code === 'UNKNOWN_COLLECTION_ACCOUNT') {
      const w = factFilter(f);
      return this.em.execute<CheckRow[]>(
        `with ${this.liveCte()}, x as (
           select x.remittance_id as id, x.currency from report_fact x
           where x.discrepancy and x.received_at >= (?::date::timestamp at time zone 'UTC') and x.received_at < ((?::date + 1)::timestamp at time zone 'UTC')
             and ? = any(x.discrepancies) and ${w.sql} and x.remittance_id not in ${PENDING}
           union all select x.remittance_id, x.currency from live x where ? = any(x.discrepancies) and ${w.sql}),
         page as (select x.*, count(*) over ()::int as total from x order by x.currency, x.id limit ?)
         select page.id, page.currency, coalesce(r.beneficiary_account, '(no account)') as detail, page.total from page join remittance r on r.id = page.id order by page.currency, page.id`,
        [ANY_DAY, f.from, f.to, check.code, ...w.params, check.code, ...w.params, DISCREPANCY_RECORDS_LIMIT],
      );
    }
    return super.checkRows(check, f, {
      // An array, not a semi-join: the flagged few are fetched by primary key instead of the period being scanned.
      sql: `r.id = any(array(select remittance_id from report_fact where discrepancy and ? = any(discrepancies) and received_at >= (?::date::timestamp at time zone 'UTC') and received_at < ((?::date + 1)::timestamp at time zone 'UTC') union select remittance_id from report_dirty))`,
      params: [check.code, f.from, f.to],
    });
  }
}
