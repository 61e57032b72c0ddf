import type { EntityManager } from '@mikro-orm/postgresql';
import type { Discrepancy, ExceptionRow, RemittanceCategory, ReportFilter } from './reconciliation-report';
import type { GroupRow } from './reconciliation.rules';

export const LIVE = `('PROPOSED','APPROVED')`;
/** Each discrepancy lists at most this many records (the count says how many there are). */
export const DISCREPANCY_RECORDS_LIMIT = 200;

export const REMITTANCE_COLUMNS = ['id', 'currency', 'amount', 'status', 'received_at', 'seller_id', 'message_ref', 'value_date', 'payer_name', 'beneficiary_account'].map((c) => `r.${c}`).join(', ');

/** A further condition on `r` with its own `?` parameters. */
export interface Restriction {
  sql: string;
  params: unknown[];
}

/** The period's original remittances (duplicates apart), filtered; `?` parameters in order. */
function periodCte(f: ReportFilter, restriction?: Restriction): { sql: string; params: unknown[] } {
  // Days are UTC days whatever the session time zone.
  const where = [`r.received_at >= (?::date::timestamp at time zone 'UTC')`, `r.received_at < ((?::date + 1)::timestamp at time zone 'UTC')`, `r.duplicate_of is null`];
  const params: unknown[] = [f.from, f.to];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.sellerId) add(`r.seller_id = ?`, f.sellerId);
  if (f.currency) add(`r.currency = ?`, f.currency);
  if (f.bank) add(`r.sender_bic like ?`, `${f.bank.replace(/[%_\\]/g, '')}%`);
  if (restriction) {
    where.push(restriction.sql);
    params.push(...restriction.params);
  }
  // Only the columns the report reads: `raw` and the JSON columns would make the materialised period wide.
  return { sql: `select ${REMITTANCE_COLUMNS} from remittance r where ${where.join(' and ')}`, params };
}

/** Per remittance: what its associations say (live, auto ever, auto undone, flags) and its charges. */
export const CLASSIFIED = `
  a as (
    select ra.remittance_id,
      bool_or(ra.status in ${LIVE} and ra.method = 'AUTO') as live_auto,
      bool_or(ra.status in ${LIVE} and ra.method = 'MANUAL') as live_manual,
      bool_or(ra.status in ${LIVE}) as live,
      count(*) filter (where ra.method = 'AUTO') as auto_n,
      count(*) filter (where ra.method = 'AUTO' and ra.status = 'UNBOUND') as auto_unbound,
      count(*) filter (where ra.method = 'AUTO' and ra.status = 'REJECTED') as auto_rejected,
      bool_or(ra.status in ${LIVE} and ra.flags @> '["UNDERPAID"]') as underpaid,
      bool_or(ra.status in ${LIVE} and ra.flags @> '["OVERPAID"]') as overpaid
    from remittance_association ra join p on p.id = ra.remittance_id
    group by ra.remittance_id),
  c as (
    select ra.remittance_id, sum(al.bank_charges) as charges, bool_or(o.payment_status = 'PARTLY_PAID') as partial
    from remittance_association ra join p on p.id = ra.remittance_id
    join association_allocation al on al.association_id = ra.id
    left join ereceipt_order o on o.order_no = al.order_no
    where ra.status in ${LIVE}
    group by ra.remittance_id),
  k as (
    select p.*, a.auto_n, a.auto_unbound, a.auto_rejected, a.underpaid, a.overpaid, c.charges, c.partial, d.outcome, d.reason as decision_reason,
      (?::date - (p.received_at at time zone 'UTC')::date) as age_days,
      case
        when p.status = 'ASSOCIATED' and a.live_auto and not a.live_manual then 'associatedAuto'
        when p.status = 'ASSOCIATED' and a.live_manual and not a.live_auto then 'associatedManual'
        when p.status = 'UNDER_REVIEW' and a.live then 'underReview'
        when p.status = 'PENDING_ASSOCIATION' and not coalesce(a.live, false) and d.outcome = 'SUGGEST' then 'suggested'
        when p.status = 'PENDING_ASSOCIATION' and not coalesce(a.live, false) then 'unmatched'
        when p.status = 'FOLLOW_UP' and not coalesce(a.live, false) then 'followUp'
        when p.status = 'RETURNED' and not coalesce(a.live, false) then 'returned'
        when p.status = 'IDENTITY_CONFLICT' and not coalesce(a.live, false) then 'identityConflict'
        else 'inconsistent' end as category
    from p left join a on a.remittance_id = p.id left join c on c.remittance_id = p.id
    left join match_decision d on d.remittance_id = p.id)`;

interface RawGroup {
  day: string;
  currency: string;
  category: RemittanceCategory;
  bucket: GroupRow['bucket'];
  n: number;
  amount: string;
  auto_n: number;
  auto_amount: string;
  auto_associations: number;
  auto_unbound: number;
  auto_rejected: number;
  underpaid_n: number;
  underpaid_amount: string;
  overpaid_n: number;
  overpaid_amount: string;
  partial_n: number;
  partial_amount: string;
  charges_n: number;
  charges: string;
}

/** An exception row as the exception queries select it. */
export function toExceptionRow(r: Record<string, unknown>): ExceptionRow {
  return {
    remittanceId: r.id as string, messageRef: r.message_ref as string, receivedAt: new Date(r.received_at as string).toISOString(), valueDate: r.value_date as string,
    currency: r.currency as string, amount: r.amount as string, payerName: r.payer_name as string | null, sellerId: r.seller_id as string | null,
    status: r.status as string, category: r.category as RemittanceCategory, reason: r.decision_reason as string | null, ageDays: r.age_days as number,
  };
}

/**
 * Every read of the report by full recomputation: one grouped scan of the period, then bounded
 * lists. `AggregateReconciliationRepository` (report-aggregates.ts) answers the same from the
 * maintained aggregates; this one stays as the reference (property test, bench).
 */
export class ReconciliationRepository {
  constructor(protected readonly em: EntityManager) {}

  async groups(f: ReportFilter, asOfDay: string): Promise<GroupRow[]> {
    const p = periodCte(f);
    const rows = await this.em.execute<RawGroup[]>(
      `with p as materialized (${p.sql}), ${CLASSIFIED}
       select (k.received_at at time zone 'UTC')::date::text as day, k.currency, k.category,
         case when k.category in ('unmatched', 'suggested') then
           case when k.age_days <= 2 then '0-2' when k.age_days <= 7 then '3-7' when k.age_days <= 30 then '8-30' else '>30' end end as bucket,
         count(*)::int as n, sum(k.amount)::text as amount,
         count(*) filter (where k.auto_n > 0)::int as auto_n, coalesce(sum(k.amount) filter (where k.auto_n > 0), 0)::text as auto_amount,
         coalesce(sum(k.auto_n), 0)::int as auto_associations, coalesce(sum(k.auto_unbound), 0)::int as auto_unbound, coalesce(sum(k.auto_rejected), 0)::int as auto_rejected,
         count(*) filter (where k.underpaid)::int as underpaid_n, coalesce(sum(k.amount) filter (where k.underpaid), 0)::text as underpaid_amount,
         count(*) filter (where k.overpaid)::int as overpaid_n, coalesce(sum(k.amount) filter (where k.overpaid), 0)::text as overpaid_amount,
         count(*) filter (where k.partial)::int as partial_n, coalesce(sum(k.amount) filter (where k.partial), 0)::text as partial_amount,
         count(*) filter (where k.charges > 0)::int as charges_n, coalesce(sum(k.charges), 0)::text as charges
       from k group by 1, 2, 3, 4`,
      [...p.params, asOfDay],
    );
    return rows.map((r) => ({
      day: r.day, currency: r.currency, category: r.category, bucket: r.bucket, n: r.n, amount: r.amount,
      autoN: r.auto_n, autoAmount: r.auto_amount, autoAssociations: r.auto_associations, autoUnbound: r.auto_unbound, autoRejected: r.auto_rejected,
      underpaidN: r.underpaid_n, underpaidAmount: r.underpaid_amount, overpaidN: r.overpaid_n, overpaidAmount: r.overpaid_amount,
      partialN: r.partial_n, partialAmount: r.partial_amount, chargesN: r.charges_n, charges: r.charges,
    }));
  }

  async duplicates(f: ReportFilter): Promise<Array<{ currency: string; n: number; amount: string }>> {
    const p = periodCte(f);
    const sql = p.sql.replace('r.duplicate_of is null', 'r.duplicate_of is not null');
    return this.em.execute(`select currency, count(*)::int as n, sum(amount)::text as amount from (${sql}) d group by currency`, p.params);
  }

  /** Originals of the period stored with irregularities (issue 21), per currency. */
  async irregular(f: ReportFilter): Promise<Array<{ currency: string; n: number; amount: string }>> {
    const p = periodCte(f);
    return this.em.execute(
      `select p.currency, count(*)::int as n, sum(p.amount)::text as amount from (${p.sql}) p join remittance x on x.id = p.id
       where x.irregularities <> '[]'::jsonb group by p.currency`,
      p.params,
    );
  }

  /** What waits for a person (unmatched, suggested, under review, follow-up, identity conflict), oldest first. */
  async exceptions(f: ReportFilter, asOfDay: string, limit: number, options: { category?: RemittanceCategory | null; minAgeDays?: number | null } = {}): Promise<{ rows: ExceptionRow[]; total: number }> {
    const p = periodCte(f);
    const wanted = options.category ? [options.category] : ['unmatched', 'suggested', 'underReview', 'followUp', 'identityConflict', 'inconsistent'];
    const rows = await this.em.execute<Array<Record<string, unknown>>>(
      `with p as materialized (${p.sql} and r.status <> 'ASSOCIATED'), ${CLASSIFIED}
       select k.id, k.message_ref, k.received_at, k.value_date::text as value_date, k.currency, k.amount::text as amount, k.payer_name, k.seller_id, k.status, k.category,
         coalesce(k.decision_reason, case when k.category = 'identityConflict' then 'REMITTANCES.IDENTITY_CONFLICT' end) as decision_reason, k.age_days::int as age_days, count(*) over ()::int as total
       from k where k.category in (${wanted.map(() => '?').join(', ')}) and k.age_days >= ? order by k.received_at, k.id limit ?`,
      [...p.params, asOfDay, ...wanted, options.minAgeDays ?? 0, limit],
    );
    return {
      total: rows.length ? (rows[0].total as number) : 0,
      rows: rows.map(toExceptionRow),
    };
  }

  /** Each check lists the records that cause it (at most DISCREPANCY_RECORDS_LIMIT each). */
  async discrepancies(f: ReportFilter): Promise<Discrepancy[]> {
    const out: Discrepancy[] = [];
    for (const check of DISCREPANCY_CHECKS) {
      const rows = await this.checkRows(check, f);
      const byCurrency = new Map<string, typeof rows>();
      for (const r of rows) byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), r]);
      for (const [currency, list] of byCurrency) {
        const more = list[0].total > rows.length ? ` (${list[0].total} in all, first ${rows.length} listed)` : '';
        out.push({ code: check.code, currency, message: check.message + more, records: list.map((r) => ({ type: check.type, id: r.id, detail: r.detail })) });
      }
    }
    return out;
  }

  /** One check's first records (by currency, id) with how many there are; `restriction` narrows the remittances it reads. */
  protected async checkRows(check: DiscrepancyCheck, f: ReportFilter, restriction?: Restriction): Promise<CheckRow[]> {
    const p = periodCte(f, restriction);
    return this.em.execute<CheckRow[]>(
      `with p as materialized (${p.sql}) select x.*, count(*) over ()::int as total from (${check.sql}) x order by x.currency, x.id limit ?`,
      [...p.params, DISCREPANCY_RECORDS_LIMIT],
    );
  }
}

export interface DiscrepancyCheck {
  code: string;
  message: string;
  type: 'remittance' | 'association';
  /** Over `p` (the period's remittances): id, currency, detail. */
  sql: string;
}

export interface CheckRow {
  id: string;
  currency: string;
  detail: string;
  total: number;
}

export const DISCREPANCY_CHECKS: DiscrepancyCheck[] = [
  {
    code: 'STATUS_WITHOUT_ASSOCIATION',
    message: 'remittance marked ASSOCIATED or UNDER_REVIEW without a live association',
    type: 'remittance',
    sql: `select p.id, p.currency, p.status as detail from p where p.status in ('ASSOCIATED', 'UNDER_REVIEW')
          and not exists (select 1 from remittance_association ra where ra.remittance_id = p.id and ra.status in ${LIVE})`,
  },
  {
    code: 'ASSOCIATION_WITHOUT_STATUS',
    message: 'live association on a remittance that is not ASSOCIATED or UNDER_REVIEW',
    type: 'remittance',
    sql: `select p.id, p.currency, p.status as detail from p where p.status not in ('ASSOCIATED', 'UNDER_REVIEW')
          and exists (select 1 from remittance_association ra where ra.remittance_id = p.id and ra.status in ${LIVE})`,
  },
  {
    code: 'SEVERAL_LIVE_ASSOCIATIONS',
    message: 'more than one live association on one remittance',
    type: 'remittance',
    sql: `select p.id, p.currency, count(*)::text || ' live associations' as detail from p join remittance_association ra on ra.remittance_id = p.id and ra.status in ${LIVE} group by p.id, p.currency having count(*) > 1`,
  },
  {
    code: 'ASSOCIATION_AMOUNT_MISMATCH',
    message: 'a live association whose amount is not the remittance amount',
    type: 'association',
    sql: `select ra.id, p.currency, 'association ' || ra.amount::text || ' vs remittance ' || p.amount::text || ' (remittance ' || p.id || ')' as detail
          from p join remittance_association ra on ra.remittance_id = p.id and ra.status in ${LIVE} where ra.amount <> p.amount`,
  },
  {
    code: 'ALLOCATIONS_NOT_ADDING_UP',
    message: 'the allocations of a live association do not add up to it',
    type: 'association',
    sql: `select ra.id, p.currency, 'allocations ' || coalesce(sum(al.amount), 0)::text || ' vs association ' || ra.amount::text as detail
          from p join remittance_association ra on ra.remittance_id = p.id and ra.status in ${LIVE}
          left join association_allocation al on al.association_id = ra.id group by ra.id, p.currency, ra.amount having coalesce(sum(al.amount), 0) <> ra.amount`,
  },
  {
    code: 'UNKNOWN_COLLECTION_ACCOUNT',
    message: 'remittance to an account that is no seller\'s virtual account (cannot be reconciled to a seller)',
    type: 'remittance',
    sql: `select p.id, p.currency, coalesce(p.beneficiary_account, '(no account)') as detail from p where p.seller_id is null and p.status <> 'RETURNED'`,
  },
];
