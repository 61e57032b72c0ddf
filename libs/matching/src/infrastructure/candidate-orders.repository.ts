import type { EntityManager } from '@mikro-orm/postgresql';
import type { SellerMatchingSettings } from '../matching-settings.entity';
import { MatchingSettingsRepository } from './matching-settings.repository';
import { lockSellerForMatching } from './seller-matching.lock';

export interface CandidateOrderRow {
  order_no: string;
  seller_id: string;
  buyer_name: string;
  currency: string;
  milestones: Array<{ kind: 'DEPOSIT' | 'BALANCE'; amount: string; paidAmount: string; dueDate: string; preShipment: boolean }>;
  created_date: string;
  expected_ship_date: string | null;
}

/**
 * Where candidates come from: the live tables (CandidateOrdersRepository) or, for a replay, the
 * history as it stood when the decision was made (libs/matching/src/replay). One retrieval
 * (`retrieveCandidates`) runs over either, so a replay narrows exactly as the hub did.
 */
export interface CandidateSource {
  sellerOfAccount(accountNumber: string): Promise<string | null>;
  /** The seller's matching settings in force (null: the defaults). */
  settingsOf(sellerId: string): Promise<SellerMatchingSettings | null>;
  /** Open orders of the seller with these numbers, any currency. */
  byOrderNumbers(sellerId: string, orderNos: string[]): Promise<CandidateOrderRow[]>;
  countOpen(sellerId: string, currency: string, upTo: number): Promise<number>;
  open(sellerId: string, currency: string, limit: number): Promise<CandidateOrderRow[]>;
  openBuyerNames(sellerId: string, currency: string, limit: number): Promise<string[]>;
  byBuyerNames(sellerId: string, currency: string, names: string[], limit: number): Promise<CandidateOrderRow[]>;
  byOpenAmount(sellerId: string, currency: string, low: string, high: string, limit: number): Promise<CandidateOrderRow[]>;
  knownPaymentIds(sellerId: string, uetr: string | null, endToEndId: string | null): Promise<KnownPaymentIdRow[]>;
  knownPayerAccounts(sellerId: string, payerAccount: string): Promise<KnownPayerAccountRow[]>;
}

/** A buyer this payer account paid for (approved), with the payer names a person approved on it: aliases. */
export interface KnownPayerAccountRow {
  buyer_name: string;
  confirmed_names: string[];
}

export interface KnownPaymentIdRow {
  order_no: string;
  uetr: string | null;
  end_to_end_id: string | null;
}

/** `?, ?, ?` for a list (knex expands an array binding into a list, not a PostgreSQL array). */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** Open = the buyer was asked to pay and something is still due (the partial index `ereceipt_order_open_idx`). */
const OPEN = `lifecycle_status in ('SUBMITTED', 'CONFIRMED') and payment_status <> 'PAID'`;
const COLUMNS = `order_no, seller_id, buyer_name, currency, milestones, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created_date, to_char(expected_ship_date, 'YYYY-MM-DD') as expected_ship_date`;

/**
 * The SQL of candidate retrieval, one indexed query per source; never a scan of all orders:
 * order numbers hit `order_order_no_uq`; open orders of a seller and currency the partial index
 * `ereceipt_order_open_idx`; buyer names `ereceipt_order_open_buyer_idx`; payment ids and payer accounts the
 * indexes of `remittance_association`.
 */
export class CandidateOrdersRepository implements CandidateSource {
  constructor(private readonly em: EntityManager) {}

  /** The seller of a collection account; its matching lock is taken before any candidate is read (`seller-matching.lock.ts`). */
  async sellerOfAccount(accountNumber: string): Promise<string | null> {
    const [row] = await this.em.execute<Array<{ seller_id: string }>>(`select seller_id from collection_account where account_number = ?`, [accountNumber]);
    if (row) await lockSellerForMatching(this.em, row.seller_id);
    return row?.seller_id ?? null;
  }

  settingsOf(sellerId: string): Promise<SellerMatchingSettings | null> {
    return new MatchingSettingsRepository(this.em).current(sellerId);
  }

  async byOrderNumbers(sellerId: string, orderNos: string[]): Promise<CandidateOrderRow[]> {
    if (orderNos.length === 0) return [];
    return this.em.execute<CandidateOrderRow[]>(`select ${COLUMNS} from ereceipt_order where order_no in (${placeholders(orderNos)}) and seller_id = ? and ${OPEN}`, [...orderNos, sellerId]);
  }

  /** How many open orders the seller has in the currency, counting up to `upTo` (index-only, no row is read). */
  async countOpen(sellerId: string, currency: string, upTo: number): Promise<number> {
    const [row] = await this.em.execute<Array<{ n: string }>>(`select count(*)::text as n from (select 1 from ereceipt_order where seller_id = ? and currency = ? and ${OPEN} limit ?) t`, [sellerId, currency, upTo]);
    return Number(row?.n ?? 0);
  }

  /** Up to `limit` open orders of the seller in the currency, oldest first. */
  async open(sellerId: string, currency: string, limit: number): Promise<CandidateOrderRow[]> {
    return this.em.execute<CandidateOrderRow[]>(`select ${COLUMNS} from ereceipt_order where seller_id = ? and currency = ? and ${OPEN} order by created_at, order_no limit ?`, [sellerId, currency, limit]);
  }

  /** The distinct buyer names on the seller's open orders in the currency (index-only on `ereceipt_order_open_buyer_idx`). */
  async openBuyerNames(sellerId: string, currency: string, limit: number): Promise<string[]> {
    const rows = await this.em.execute<Array<{ buyer_name: string }>>(`select distinct buyer_name from ereceipt_order where seller_id = ? and currency = ? and ${OPEN} limit ?`, [sellerId, currency, limit]);
    return rows.map((r) => r.buyer_name);
  }

  /** Open orders of these buyers (by exact name), oldest first. */
  async byBuyerNames(sellerId: string, currency: string, names: string[], limit: number): Promise<CandidateOrderRow[]> {
    if (names.length === 0) return [];
    return this.em.execute<CandidateOrderRow[]>(
      `select ${COLUMNS} from ereceipt_order where seller_id = ? and currency = ? and ${OPEN} and buyer_name in (${placeholders(names)}) order by created_at, order_no limit ?`,
      [sellerId, currency, ...names, limit],
    );
  }

  /** Open orders whose whole open amount lies in [low, high] (a payment of everything due, give or take charges). */
  async byOpenAmount(sellerId: string, currency: string, low: string, high: string, limit: number): Promise<CandidateOrderRow[]> {
    return this.em.execute<CandidateOrderRow[]>(
      `select ${COLUMNS} from ereceipt_order where seller_id = ? and currency = ? and ${OPEN} and (total - paid_amount) between ?::numeric and ?::numeric order by created_at, order_no limit ?`,
      [sellerId, currency, low, high, limit],
    );
  }

  /** Orders a live association of this seller tied to the same UETR or EndToEndId. */
  async knownPaymentIds(sellerId: string, uetr: string | null, endToEndId: string | null): Promise<KnownPaymentIdRow[]> {
    if (!uetr && !endToEndId) return [];
    return this.em.execute(
      `select distinct al.order_no, a.uetr::text as uetr, a.end_to_end_id
         from remittance_association a join association_allocation al on al.association_id = a.id
        where a.seller_id = ? and a.status in ('PROPOSED', 'APPROVED') and (a.uetr = ?::uuid or a.end_to_end_id = ?)`,
      [sellerId, uetr, endToEndId],
    );
  }

  /**
   * Buyers (by name on their orders) this normalised payer account paid for, in approved
   * associations, each with the payer names of the associations a person approved (not the engine).
   */
  async knownPayerAccounts(sellerId: string, payerAccount: string): Promise<KnownPayerAccountRow[]> {
    const rows = await this.em.execute<Array<{ buyer_name: string; confirmed_names: string[] | null }>>(
      `select o.buyer_name,
              array_remove(array_agg(distinct case when a.decided_by is distinct from 'system' then r.payer_name end), null) as confirmed_names
         from remittance_association a
         join association_allocation al on al.association_id = a.id
         join ereceipt_order o on o.order_no = al.order_no
         left join remittance r on r.id = a.remittance_id
        where a.seller_id = ? and a.payer_account = ? and a.status = 'APPROVED'
        group by o.buyer_name
        order by o.buyer_name
        limit 20`,
      [sellerId, payerAccount],
    );
    return rows.map((r) => ({ buyer_name: r.buyer_name, confirmed_names: [...(r.confirmed_names ?? [])].sort() }));
  }
}
