import type { EntityManager } from '@mikro-orm/postgresql';
import { type AmountSearch, decodeCursor, encodeCursor, likePattern, type QueueCategory, type QueueOrder, type QueueSort, sortColumns, statusesOf } from './exception-queue.rules';
import type { ExceptionRow, RemittanceCategory, ReportFilter } from './reconciliation-report';
import { LIVE } from './reconciliation.repository';
import { WAITING_STATUSES } from './report.indexes';

/** One page of the exception queue (issue 22 §5). */
export interface QueueRequest {
  filter: ReportFilter;
  category: QueueCategory;
  sort: QueueSort;
  order: QueueOrder;
  /** The `nextCursor` of the previous page; null for the first. */
  cursor: string | null;
  limit: number;
  minAgeDays: number | null;
  amount: AmountSearch | null;
  /** A part of the payer's name or account. */
  payer: string | null;
  /** A part of the bank's reference, end-to-end id or remittance information, or the UETR. */
  reference: string | null;
  /** An order the remittance is (or was) associated with, quotes, or has as the engine's candidate. */
  orderNo: string | null;
}

export interface QueueRow extends ExceptionRow {
  sellerName: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Give it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Rows matching the request, counted up to `TOTAL_CAP` (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
}

/** Counting stops here: a count is a scan of the matching rows, and "over 100,000" is an answer. */
export const TOTAL_CAP = 100_000;

/** The report's classification of one remittance `r` (libs/reports/README.md "States"), with its live associations `la` and decision `d`. */
const CATEGORY = `case
  when r.status = 'ASSOCIATED' and la.auto and not la.manual then 'associatedAuto'
  when r.status = 'ASSOCIATED' and la.manual and not la.auto then 'associatedManual'
  when r.status = 'UNDER_REVIEW' and la.live then 'underReview'
  when r.status = 'PENDING_ASSOCIATION' and not la.live and d.outcome = 'SUGGEST' then 'suggested'
  when r.status = 'PENDING_ASSOCIATION' and not la.live then 'unmatched'
  when r.status = 'FOLLOW_UP' and not la.live then 'followUp'
  when r.status = 'RETURNED' and not la.live then 'returned'
  when r.status = 'IDENTITY_CONFLICT' and not la.live then 'identityConflict'
  else 'inconsistent' end`;

/**
 * A category as plain conditions on the status, the live associations and the decision: the same
 * sets as CATEGORY, but PostgreSQL can estimate them (a CASE it cannot: it then guessed a handful of
 * rows and sorted the whole queue instead of reading the index in order). `waiting` needs none: every
 * waiting status is a waiting category. null: no condition.
 */
function categoryPredicate(category: QueueCategory): string | null {
  const live = `la.live`;
  switch (category) {
    case 'all':
    case 'waiting':
      return null;
    case 'associated':
      return `(la.auto <> la.manual)`;
    case 'associatedAuto':
      return `la.auto and not la.manual`;
    case 'associatedManual':
      return `la.manual and not la.auto`;
    case 'underReview':
      return live;
    case 'suggested':
      return `not ${live} and d.outcome = 'SUGGEST'`;
    case 'unmatched':
      return `not ${live} and d.outcome is distinct from 'SUGGEST'`;
    case 'followUp':
    case 'returned':
    case 'identityConflict':
      return `not ${live}`;
    case 'inconsistent':
      return `${CATEGORY} = 'inconsistent'`;
  }
}

const FROM = `from remittance r
  left join match_decision d on d.remittance_id = r.id
  cross join lateral (select count(*) > 0 as live, coalesce(bool_or(ra.method = 'AUTO'), false) as auto, coalesce(bool_or(ra.method = 'MANUAL'), false) as manual
    from remittance_association ra where ra.remittance_id = r.id and ra.status in ${LIVE}) la`;

const CAST: Record<string, string> = { received_at: '::timestamptz', amount: '::numeric', currency: '', id: '::uuid' };

/**
 * The exception queue by keyset: each page continues after the sort key of the last row shown
 * (`(received_at, id) > (?, ?)`, never OFFSET), so page 500 costs what page 1 does. For what waits
 * for a person the statuses are written literally, so PostgreSQL picks the sort's partial index
 * (`remittance_queue_*_idx`) and reads the page in index order; each row is classified live with the
 * report's definitions (so a tile's count and its filtered queue agree).
 */
export class ExceptionQueueQuery {
  constructor(private readonly em: EntityManager) {}

  /** The page's SQL and parameters (the keyset condition when a cursor is given). */
  pageSql(q: QueueRequest, asOfDay: string): { sql: string; params: unknown[] } {
    const where = this.where(q, asOfDay);
    const cols = sortColumns(q.sort);
    const keyset: string[] = [];
    const keyParams: unknown[] = [];
    if (q.cursor) {
      const c = decodeCursor(q.cursor, q.sort, q.order);
      keyset.push(`(${cols.map((col) => `r.${col}`).join(', ')}) ${q.order === 'asc' ? '>' : '<'} (${cols.map((col) => `?${CAST[col]}`).join(', ')})`);
      keyParams.push(...c.key, c.id);
    }
    const dir = q.order === 'asc' ? 'asc' : 'desc';
    return {
      sql: `select r.id, r.message_ref, r.received_at, r.received_at::text as received_key, r.value_date::text as value_date, r.currency, r.amount::text as amount, r.payer_name, r.seller_id,
         (select s.legal_name from seller s where s.id = r.seller_id) as seller_name, r.status, ${CATEGORY} as category,
         coalesce(d.reason, case when r.status = 'IDENTITY_CONFLICT' then 'REMITTANCES.IDENTITY_CONFLICT' end) as decision_reason,
         (?::date - (r.received_at at time zone 'UTC')::date)::int as age_days
       ${FROM}
       where ${[...where.sql, ...keyset].join(' and ')}
       order by ${cols.map((col) => `r.${col} ${dir}`).join(', ')} limit ?`,
      params: [asOfDay, ...where.params, ...keyParams, q.limit + 1],
    };
  }

  /** PostgreSQL's plan of the page (EXPLAIN, JSON): the proof that an index serves the sort. */
  async explain(q: QueueRequest, asOfDay: string): Promise<unknown> {
    const { sql, params } = this.pageSql(q, asOfDay);
    const [row] = await this.em.execute<Array<{ 'QUERY PLAN': unknown }>>(`explain (format json) ${sql}`, params);
    return row?.['QUERY PLAN'];
  }

  async page(q: QueueRequest, asOfDay: string): Promise<QueuePage> {
    const where = this.where(q, asOfDay);
    const cols = sortColumns(q.sort);
    const { sql, params } = this.pageSql(q, asOfDay);
    const rows = await this.em.execute<Array<Record<string, unknown>>>(sql, params);
    const more = rows.length > q.limit;
    const shown = rows.slice(0, q.limit);
    const last = shown[shown.length - 1];
    const nextCursor = more && last
      ? encodeCursor({ sort: q.sort, order: q.order, key: cols.slice(0, -1).map((col) => String(col === 'received_at' ? last.received_key : last[col])), id: last.id as string })
      : null;
    const [count] = await this.em.execute<Array<{ n: number }>>(`select count(*)::int as n from (select 1 ${FROM} where ${where.sql.join(' and ')} limit ?) x`, [...where.params, TOTAL_CAP + 1]);
    const total = count?.n ?? 0;
    return {
      rows: shown.map((r) => ({
        remittanceId: r.id as string, messageRef: r.message_ref as string, receivedAt: new Date(r.received_at as string).toISOString(), valueDate: r.value_date as string,
        currency: r.currency as string, amount: r.amount as string, payerName: r.payer_name as string | null, sellerId: r.seller_id as string | null, sellerName: r.seller_name as string | null,
        status: r.status as string, category: r.category as RemittanceCategory, reason: r.decision_reason as string | null, ageDays: r.age_days as number,
      })),
      nextCursor,
      total: Math.min(total, TOTAL_CAP),
      totalCapped: total > TOTAL_CAP,
    };
  }

  /** The request's conditions on `r` (and its classification), `?` parameters in order. */
  private where(q: QueueRequest, asOfDay: string): { sql: string[]; params: unknown[] } {
    const f = q.filter;
    // Literal, so that the planner proves the partial indexes' predicate (a parameter would hide it).
    const statuses = statusesOf(q.category);
    const sql = [`r.duplicate_of is null`];
    if (statuses) sql.push(`r.status in (${statuses.map((s) => `'${s}'`).join(', ')})`);
    if (statuses && statuses.every((s) => (WAITING_STATUSES as readonly string[]).includes(s)) && statuses.length < WAITING_STATUSES.length) {
      sql.push(`r.status in (${WAITING_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    }
    const params: unknown[] = [];
    const add = (cond: string, ...values: unknown[]) => {
      sql.push(cond);
      params.push(...values);
    };
    add(`r.received_at >= (?::date::timestamp at time zone 'UTC')`, f.from);
    add(`r.received_at < ((?::date + 1)::timestamp at time zone 'UTC')`, f.to);
    // Waiting at least N whole days = received on or before the as-of day minus N (a range, so the index serves it).
    if (q.minAgeDays) add(`r.received_at < ((?::date - ?::int + 1)::timestamp at time zone 'UTC')`, asOfDay, q.minAgeDays);
    if (f.sellerId) add(`r.seller_id = ?`, f.sellerId);
    if (f.currency) add(`r.currency = ?`, f.currency);
    if (f.bank) add(`r.sender_bic like ?`, `${f.bank.replace(/[%_\\]/g, '')}%`);
    if (q.amount?.min) add(`r.amount >= ?::numeric`, q.amount.min);
    if (q.amount?.max) add(`r.amount <= ?::numeric`, q.amount.max);
    if (q.payer) add(`(r.payer_name ilike ? or r.payer_account ilike ?)`, likePattern(q.payer), likePattern(q.payer));
    if (q.reference) {
      const p = likePattern(q.reference);
      add(`(r.message_ref ilike ? or r.end_to_end_id ilike ? or r.remittance_info ilike ? or r.related_reference ilike ? or r.uetr::text = lower(?))`, p, p, p, p, q.reference.trim());
    }
    if (q.orderNo) {
      const no = q.orderNo.trim().toUpperCase();
      add(
        `(exists (select 1 from remittance_association ra join association_allocation al on al.association_id = ra.id where ra.remittance_id = r.id and al.order_no = ?)
          or r.remittance_info ~* ? or d.decision->'candidates' @> jsonb_build_array(jsonb_build_object('orderNo', ?::text)))`,
        // As a whole word: EO-2026-00012 is not quoted by "EO-2026-000123" (order numbers hold letters, digits and '-' only: no regex metacharacter).
        no, `(^|[^A-Z0-9-])${no}($|[^A-Z0-9-])`, no,
      );
    }
    const only = categoryPredicate(q.category);
    if (only) sql.push(only);
    return { sql, params };
  }
}
