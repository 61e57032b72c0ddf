import type { EntityManager } from '@mikro-orm/postgresql';
import { RemittanceEntity } from '@ereceipt/remittances';
import type { AuditAction } from '../association-audit.entity';
import type { AssociationMethod, AssociationStatus } from '../association.entity';
import { MatchDecisionEntity } from '../match-decision.entity';
import { MatchingSettingsRepository } from './matching-settings.repository';
import type { AccountRecord } from '../replay/as-of-candidates';
import type { AssociationRecord, OrderRecord, SellerHistory } from '../replay/replay-history';

export interface RemittanceKey {
  id: string;
  sellerId: string | null;
  beneficiaryAccount: string | null;
}

/** The reads of a replay: remittances of a period, and a seller's whole history (orders, associations, audit). */
export class ReplayHistoryRepository {
  constructor(private readonly em: EntityManager) {}

  async accounts(): Promise<Map<string, AccountRecord>> {
    const rows = await this.em.execute<Array<{ account_number: string; seller_id: string; created_at: Date }>>(`select account_number, seller_id, created_at from collection_account`);
    return new Map(rows.map((r) => [r.account_number, { sellerId: r.seller_id, createdAt: new Date(r.created_at) }]));
  }

  /** Originals (never a DUPLICATE) received in [from, until). */
  async remittanceKeys(from: Date, until: Date): Promise<RemittanceKey[]> {
    const rows = await this.em.execute<Array<{ id: string; seller_id: string | null; beneficiary_account: string | null }>>(
      `select id, seller_id, beneficiary_account from remittance where received_at >= ? and received_at < ? and duplicate_of is null order by received_at, id`,
      [from, until],
    );
    return rows.map((r) => ({ id: r.id, sellerId: r.seller_id, beneficiaryAccount: r.beneficiary_account }));
  }

  async remittances(ids: string[]): Promise<Array<{ remittance: RemittanceEntity; decision: MatchDecisionEntity | null }>> {
    if (ids.length === 0) return [];
    const remittances = await this.em.find(RemittanceEntity, { id: { $in: ids } });
    const decisions = new Map((await this.em.find(MatchDecisionEntity, { remittanceId: { $in: ids } })).map((d) => [d.remittanceId, d]));
    return remittances.map((remittance) => ({ remittance, decision: decisions.get(remittance.id) ?? null }));
  }

  /** Every order of the seller created before `until`, and every association of the seller with its allocations and audit trail. */
  async sellerHistory(sellerId: string, until: Date): Promise<SellerHistory> {
    const orders = await this.em.execute<Array<{ order_no: string; seller_id: string; buyer_name: string; currency: string; total: string; milestones: OrderRecord['milestones']; created_at: Date; created_date: string; expected_ship_date: string | null; submitted_at: Date | null; cancelled_at: Date | null }>>(
      `select order_no, seller_id, buyer_name, currency, total::text as total, milestones, created_at,
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created_date, to_char(expected_ship_date, 'YYYY-MM-DD') as expected_ship_date,
              case when lifecycle_status = 'DRAFT' then null else coalesce(submitted_at, created_at) end as submitted_at, cancelled_at
         from ereceipt_order where seller_id = ? and created_at < ?`,
      [sellerId, until],
    );
    const associations = await this.em.execute<Array<{ id: string; remittance_id: string; seller_id: string; method: AssociationMethod; status: AssociationStatus; created_at: Date; uetr: string | null; end_to_end_id: string | null; payer_account: string | null; payer_name: string | null }>>(
      `select a.id, a.remittance_id, a.seller_id, a.method, a.status, a.created_at, a.uetr::text as uetr, a.end_to_end_id, a.payer_account, r.payer_name
         from remittance_association a left join remittance r on r.id = a.remittance_id where a.seller_id = ?`,
      [sellerId],
    );
    const ids = associations.map((a) => a.id);
    const allocations = ids.length === 0 ? [] : await this.em.execute<Array<{ association_id: string; order_no: string; amount: string; settled: string }>>(
      `select association_id, order_no, amount::text as amount, settled::text as settled from association_allocation where association_id in (select id from remittance_association where seller_id = ?) order by association_id, order_no`,
      [sellerId],
    );
    const events = ids.length === 0 ? [] : await this.em.execute<Array<{ association_id: string; action: AuditAction; actor: string; at: Date; status: AssociationStatus | null }>>(
      `select association_id, action, actor, at, payload->>'status' as status from association_audit where chain = ? and association_id is not null order by seq`,
      [sellerId],
    );
    const records = new Map<string, AssociationRecord>(
      associations.map((a) => [
        a.id,
        { id: a.id, remittanceId: a.remittance_id, sellerId: a.seller_id, method: a.method, status: a.status, createdAt: new Date(a.created_at), uetr: a.uetr, endToEndId: a.end_to_end_id, payerAccount: a.payer_account, payerName: a.payer_name, allocations: [], events: [] },
      ]),
    );
    for (const al of allocations) records.get(al.association_id)?.allocations.push({ orderNo: al.order_no, amount: al.amount, settled: al.settled });
    for (const e of events) records.get(e.association_id)?.events.push({ action: e.action, actor: e.actor, at: new Date(e.at), status: e.status });
    return {
      sellerId,
      orders: new Map(
        orders.map((o) => [
          o.order_no,
          {
            orderNo: o.order_no, sellerId: o.seller_id, buyerName: o.buyer_name, currency: o.currency, total: o.total,
            milestones: o.milestones.map((m) => ({ kind: m.kind, amount: m.amount, dueDate: m.dueDate, preShipment: m.preShipment })),
            createdAt: new Date(o.created_at), createdDate: o.created_date, expectedShipDate: o.expected_ship_date,
            submittedAt: o.submitted_at ? new Date(o.submitted_at) : null, cancelledAt: o.cancelled_at ? new Date(o.cancelled_at) : null,
          },
        ]),
      ),
      associations: [...records.values()],
      settings: await new MatchingSettingsRepository(this.em).history(sellerId),
    };
  }
}
