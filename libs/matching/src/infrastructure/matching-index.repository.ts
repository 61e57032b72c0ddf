import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@ereceipt/persistence';
import type { BatchOrderRow } from './batch-candidates.repository';

/**
 * The SQL of the matching index (matching-index.ts): what it loads for a seller, what it re-reads
 * after its own batch changed orders and associations, and the seller versions that say whether a
 * copy is still exact (Migration20261208070000). Inputs are one JSON parameter each, like
 * BatchCandidatesRepository's.
 */
export interface IndexOrderRow extends BatchOrderRow {
  /** `total - paid_amount`, as PostgreSQL writes it. */
  open_amount: string;
  /** Only on re-reads: whether the order is still open (lifecycle and payment status). */
  is_open?: boolean;
}

export interface IndexPaymentIdRow {
  seller_id: string;
  uetr: string | null;
  end_to_end_id: string | null;
  order_nos: string[];
}

export interface IndexPayerAccountRow {
  seller_id: string;
  payer_account: string;
  buyer_name: string;
  confirmed_names: string[] | null;
}

export interface IndexSettingsRow {
  seller_id: string;
  charge_tolerance_percent: string;
  charge_tolerance_absolute: string;
  review_policy: unknown;
}

export interface SellerVersionRow {
  seller_id: string;
  /** `0` when the seller was never changed since the versions exist. */
  version: string;
  base: string | null;
  /** The row was last written by this transaction. */
  mine: boolean;
}

const OPEN = `o.lifecycle_status in ('SUBMITTED', 'CONFIRMED') and o.payment_status <> 'PAID'`;
const COLUMNS = `o.order_no, o.seller_id::text as seller_id, o.buyer_name, o.currency, o.milestones, o.created_at, to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD') as created_date, to_char(o.expected_ship_date, 'YYYY-MM-DD') as expected_ship_date, (o.total - o.paid_amount)::text as open_amount`;
const SELLERS = `(select (jsonb_array_elements_text(?::jsonb))::uuid)`;

export class MatchingIndexRepository {
  constructor(private readonly em: EntityManager) {}

  private run<T>(sql: string, input: unknown): Promise<T[]> {
    return executeBound<T>(this.em, sql, [JSON.stringify(input)]);
  }

  /** The database's identity (a recreated database starts its version sequence again) and each seller's version. */
  async versions(sellerIds: string[]): Promise<{ database: string; versions: Map<string, string> }> {
    const rows = await this.run<{ database: string; seller_id: string | null; version: string | null }>(
      `select (select oid::text from pg_database where datname = current_database()) as database, s.seller_id::text as seller_id, coalesce(v.version, 0)::text as version
         from (select (jsonb_array_elements_text(?::jsonb))::uuid as seller_id) s left join matching_seller_version v on v.seller_id = s.seller_id
        union all select (select oid::text from pg_database where datname = current_database()), null, null`,
      sellerIds,
    );
    const database = rows[0]?.database ?? '';
    return { database, versions: new Map(rows.filter((r) => r.seller_id !== null).map((r) => [r.seller_id as string, r.version as string])) };
  }

  /** The versions as this transaction leaves them, and whether it wrote them itself (with the version before its first change). */
  async versionsAtEnd(sellerIds: string[]): Promise<SellerVersionRow[]> {
    if (sellerIds.length === 0) return [];
    return this.run(
      `select s.seller_id::text as seller_id, coalesce(v.version, 0)::text as version, v.base::text as base, coalesce(v.txid = txid_current(), false) as mine
         from (select (jsonb_array_elements_text(?::jsonb))::uuid as seller_id) s left join matching_seller_version v on v.seller_id = s.seller_id`,
      sellerIds,
    );
  }

  /** Every open order of these sellers. */
  async openOrders(sellerIds: string[]): Promise<IndexOrderRow[]> {
    if (sellerIds.length === 0) return [];
    return this.run(`select ${COLUMNS} from ereceipt_order o where o.seller_id in ${SELLERS} and ${OPEN}`, sellerIds);
  }

  /** These orders as they are now (open or not). */
  async ordersNow(orderNos: string[]): Promise<IndexOrderRow[]> {
    if (orderNos.length === 0) return [];
    return this.run(`select ${COLUMNS}, (${OPEN}) as is_open from ereceipt_order o where o.order_no in (select jsonb_array_elements_text(?::jsonb))`, orderNos);
  }

  /** Live associations (proposed or approved) of these sellers that carry a UETR or an EndToEndId, with their orders. */
  async paymentIds(sellerIds: string[]): Promise<IndexPaymentIdRow[]> {
    if (sellerIds.length === 0) return [];
    return this.run(
      `select a.seller_id::text as seller_id, a.uetr::text as uetr, a.end_to_end_id, array_agg(distinct al.order_no) as order_nos
         from remittance_association a join association_allocation al on al.association_id = a.id
        where a.seller_id in ${SELLERS} and a.status in ('PROPOSED', 'APPROVED') and (a.uetr is not null or a.end_to_end_id is not null)
        group by a.id`,
      sellerIds,
    );
  }

  /** Per (seller, payer account) of approved associations: the buyers it paid for, with the payer names a person approved. */
  async payerAccounts(sellerIds: string[]): Promise<IndexPayerAccountRow[]> {
    if (sellerIds.length === 0) return [];
    return this.run(
      `select a.seller_id::text as seller_id, a.payer_account, o.buyer_name,
              array_remove(array_agg(distinct case when a.decided_by is distinct from 'system' then r.payer_name end), null) as confirmed_names
         from remittance_association a
         join association_allocation al on al.association_id = a.id
         join ereceipt_order o on o.order_no = al.order_no
         left join remittance r on r.id = a.remittance_id
        where a.seller_id in ${SELLERS} and a.status = 'APPROVED' and a.payer_account is not null
        group by a.seller_id, a.payer_account, o.buyer_name`,
      sellerIds,
    );
  }

  /** The associations made for these remittances (in this transaction), in the shapes above. */
  async associationsOf(remittanceIds: string[]): Promise<{ paymentIds: IndexPaymentIdRow[]; payerAccounts: IndexPayerAccountRow[] }> {
    if (remittanceIds.length === 0) return { paymentIds: [], payerAccounts: [] };
    const rows = await this.run<{ seller_id: string; status: string; uetr: string | null; end_to_end_id: string | null; payer_account: string | null; decided_by: string | null; payer_name: string | null; order_nos: string[]; buyer_names: string[] }>(
      `select a.seller_id::text as seller_id, a.status, a.uetr::text as uetr, a.end_to_end_id, a.payer_account, a.decided_by, r.payer_name,
              array_agg(al.order_no order by al.order_no) as order_nos, array_agg(o.buyer_name order by al.order_no) as buyer_names
         from remittance_association a
         join association_allocation al on al.association_id = a.id
         join ereceipt_order o on o.order_no = al.order_no
         left join remittance r on r.id = a.remittance_id
        where a.remittance_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) and a.status in ('PROPOSED', 'APPROVED')
        group by a.id, r.payer_name`,
      remittanceIds,
    );
    return {
      paymentIds: rows.filter((r) => r.uetr !== null || r.end_to_end_id !== null).map((r) => ({ seller_id: r.seller_id, uetr: r.uetr, end_to_end_id: r.end_to_end_id, order_nos: [...new Set(r.order_nos)] })),
      payerAccounts: rows
        .filter((r) => r.status === 'APPROVED' && r.payer_account !== null)
        .flatMap((r) =>
          [...new Set(r.buyer_names)].map((buyer_name) => ({ seller_id: r.seller_id, payer_account: r.payer_account as string, buyer_name, confirmed_names: r.decided_by !== 'system' && r.payer_name ? [r.payer_name] : [] })),
        ),
    };
  }

  /** The matching settings in force for each seller (sellers without settings are absent). */
  async settings(sellerIds: string[]): Promise<IndexSettingsRow[]> {
    if (sellerIds.length === 0) return [];
    return this.run(
      `select distinct on (m.seller_id) m.seller_id::text as seller_id, m.charge_tolerance_percent::text as charge_tolerance_percent, m.charge_tolerance_absolute::text as charge_tolerance_absolute, m.review_policy
         from matching_settings m where m.seller_id in ${SELLERS}
        order by m.seller_id, m.effective_at desc`,
      sellerIds,
    );
  }
}
