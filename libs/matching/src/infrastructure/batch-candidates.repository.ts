import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@ereceipt/persistence';
import type { CandidateOrderRow, KnownPaymentIdRow, KnownPayerAccountRow } from './candidate-orders.repository';

/**
 * The SQL of candidate retrieval for a whole batch of remittances (issue 15): each source is ONE
 * set-based statement for every wire of the batch, its inputs a single JSON parameter unpacked by
 * `jsonb_to_recordset`, answered by the same indexes as the per-wire queries of
 * CandidateOrdersRepository (whose results, per wire, these reproduce; `batch-retrieval.int-spec.ts`
 * compares them). Each row says which input it answers (`i`, the wire's index in the batch, or the
 * seller and currency).
 */
export interface BatchOrderRow extends CandidateOrderRow {
  /** The row's `created_at`, for the per-wire order `created_at, order_no` that a limit applies to. */
  created_at: Date;
}

export interface WireOrderRow extends BatchOrderRow {
  i: number;
}

const OPEN = `o.lifecycle_status in ('SUBMITTED', 'CONFIRMED') and o.payment_status <> 'PAID'`;
const COLUMNS = `o.order_no, o.seller_id, o.buyer_name, o.currency, o.milestones, o.created_at, to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD') as created_date, to_char(o.expected_ship_date, 'YYYY-MM-DD') as expected_ship_date`;

export class BatchCandidatesRepository {
  constructor(private readonly em: EntityManager) {}

  private run<T>(sql: string, input: unknown): Promise<T[]> {
    return executeBound<T>(this.em, sql, [JSON.stringify(input)]);
  }

  /** The seller of each collection account (accounts without a seller are absent). */
  async sellersOfAccounts(accounts: string[]): Promise<Map<string, string>> {
    if (accounts.length === 0) return new Map();
    const rows = await this.run<{ account_number: string; seller_id: string }>(
      `select ca.account_number, ca.seller_id from collection_account ca where ca.account_number in (select jsonb_array_elements_text(?::jsonb))`,
      accounts,
    );
    return new Map(rows.map((r) => [r.account_number, r.seller_id]));
  }

  /** Open orders with these numbers (any seller; the caller keeps a wire's own seller's). */
  async byOrderNumbers(orderNos: string[]): Promise<BatchOrderRow[]> {
    if (orderNos.length === 0) return [];
    return this.run(`select ${COLUMNS} from ereceipt_order o where o.order_no in (select jsonb_array_elements_text(?::jsonb)) and ${OPEN}`, orderNos);
  }

  /** Live associations of these sellers carrying one of these UETRs or EndToEndIds, with their orders. */
  async knownPaymentIds(sellerIds: string[], uetrs: string[], endToEndIds: string[]): Promise<Array<KnownPaymentIdRow & { seller_id: string }>> {
    if (sellerIds.length === 0 || (uetrs.length === 0 && endToEndIds.length === 0)) return [];
    return this.run(
      `with input as (select ?::jsonb as j)
       select distinct a.seller_id, al.order_no, a.uetr::text as uetr, a.end_to_end_id
         from remittance_association a join association_allocation al on al.association_id = a.id, input
        where a.seller_id in (select (jsonb_array_elements_text(input.j->'sellers'))::uuid)
          and a.status in ('PROPOSED', 'APPROVED')
          and (a.uetr in (select (jsonb_array_elements_text(input.j->'uetrs'))::uuid) or a.end_to_end_id in (select jsonb_array_elements_text(input.j->'e2e')))`,
      { sellers: sellerIds, uetrs, e2e: endToEndIds },
    );
  }

  /** Per (seller, payer account): the buyers it paid for, with the names a person approved on it (at most 20, by buyer name). */
  async knownPayerAccounts(pairs: Array<{ s: string; a: string }>): Promise<Array<KnownPayerAccountRow & { seller_id: string; payer_account: string }>> {
    if (pairs.length === 0) return [];
    const rows = await this.run<{ seller_id: string; payer_account: string; buyer_name: string; confirmed_names: string[] | null }>(
      `select seller_id, payer_account, buyer_name, confirmed_names from (
         select a.seller_id, a.payer_account, o.buyer_name,
                array_remove(array_agg(distinct case when a.decided_by is distinct from 'system' then r.payer_name end), null) as confirmed_names,
                row_number() over (partition by a.seller_id, a.payer_account order by o.buyer_name) as n
           from (select distinct s, a from jsonb_to_recordset(?::jsonb) as t(s uuid, a text)) t
           join remittance_association a on a.seller_id = t.s and a.payer_account = t.a and a.status = 'APPROVED'
           join association_allocation al on al.association_id = a.id
           join ereceipt_order o on o.order_no = al.order_no
           left join remittance r on r.id = a.remittance_id
          group by a.seller_id, a.payer_account, o.buyer_name) k
        where n <= 20
        order by seller_id, payer_account, buyer_name`,
      pairs,
    );
    return rows.map((r) => ({ seller_id: r.seller_id, payer_account: r.payer_account, buyer_name: r.buyer_name, confirmed_names: [...(r.confirmed_names ?? [])].sort() }));
  }

  /** How many open orders each seller has in each currency, counting up to `upTo` (index-only). */
  async countOpen(pairs: Array<{ s: string; c: string }>, upTo: number): Promise<Array<{ s: string; c: string; n: number }>> {
    if (pairs.length === 0) return [];
    const rows = await this.run<{ s: string; c: string; n: string }>(
      `select t.s::text as s, t.c, (select count(*) from (select 1 from ereceipt_order o where o.seller_id = t.s and o.currency = t.c and ${OPEN} limit ${Number(upTo)}) x)::text as n
         from (select distinct s, c from jsonb_to_recordset(?::jsonb) as t(s uuid, c text)) t`,
      pairs,
    );
    return rows.map((r) => ({ s: r.s, c: r.c, n: Number(r.n) }));
  }

  /** Up to `limit` open orders of each seller in each currency, oldest first. */
  async open(pairs: Array<{ s: string; c: string }>, limit: number): Promise<BatchOrderRow[]> {
    if (pairs.length === 0) return [];
    return this.run(
      `select o.* from (select distinct s, c from jsonb_to_recordset(?::jsonb) as t(s uuid, c text)) t
         cross join lateral (select ${COLUMNS} from ereceipt_order o where o.seller_id = t.s and o.currency = t.c and ${OPEN} order by o.created_at, o.order_no limit ${Number(limit)}) o`,
      pairs,
    );
  }

  /** The distinct buyer names on each seller's open orders in each currency (index-only), at most `limit` each. */
  async openBuyerNames(pairs: Array<{ s: string; c: string }>, limit: number): Promise<Array<{ s: string; c: string; buyer_name: string }>> {
    if (pairs.length === 0) return [];
    return this.run(
      `select t.s::text as s, t.c, b.buyer_name from (select distinct s, c from jsonb_to_recordset(?::jsonb) as t(s uuid, c text)) t
         cross join lateral (select distinct o.buyer_name from ereceipt_order o where o.seller_id = t.s and o.currency = t.c and ${OPEN} limit ${Number(limit)}) b`,
      pairs,
    );
  }

  /** Per wire: open orders of these buyers (by exact name), oldest first, at most `limit` per wire. */
  async byBuyerNames(wants: Array<{ i: number; s: string; c: string; names: string[] }>, limit: number): Promise<WireOrderRow[]> {
    const inputs = wants.filter((w) => w.names.length > 0);
    if (inputs.length === 0) return [];
    return this.run(
      `select t.i, o.* from jsonb_to_recordset(?::jsonb) as t(i int, s uuid, c text, names jsonb)
         cross join lateral (select ${COLUMNS} from ereceipt_order o
                              where o.seller_id = t.s and o.currency = t.c and ${OPEN} and o.buyer_name in (select jsonb_array_elements_text(t.names))
                              order by o.created_at, o.order_no limit ${Number(limit)}) o`,
      inputs,
    );
  }

  /** Per wire: open orders whose whole open amount lies in [low, high], oldest first, at most `limit` per wire. */
  async byOpenAmount(wants: Array<{ i: number; s: string; c: string; low: string; high: string }>, limit: number): Promise<WireOrderRow[]> {
    if (wants.length === 0) return [];
    return this.run(
      `select t.i, o.* from jsonb_to_recordset(?::jsonb) as t(i int, s uuid, c text, low numeric, high numeric)
         cross join lateral (select ${COLUMNS} from ereceipt_order o
                              where o.seller_id = t.s and o.currency = t.c and ${OPEN} and (o.total - o.paid_amount) between t.low and t.high
                              order by o.created_at, o.order_no limit ${Number(limit)}) o`,
      wants,
    );
  }

  /** The matching settings in force for each seller (sellers without settings are absent). */
  async settingsOf(sellerIds: string[]): Promise<Array<{ seller_id: string; charge_tolerance_percent: string; charge_tolerance_absolute: string; review_policy: unknown }>> {
    if (sellerIds.length === 0) return [];
    return this.run(
      `select distinct on (m.seller_id) m.seller_id, m.charge_tolerance_percent::text as charge_tolerance_percent, m.charge_tolerance_absolute::text as charge_tolerance_absolute, m.review_policy
         from matching_settings m where m.seller_id in (select (jsonb_array_elements_text(?::jsonb))::uuid)
        order by m.seller_id, m.effective_at desc`,
      sellerIds,
    );
  }
}
