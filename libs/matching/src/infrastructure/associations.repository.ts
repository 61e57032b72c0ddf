import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderPaymentTotals } from '@ereceipt/orders';
import { placeholders } from './candidate-orders.repository';
import { AssociationAllocationEntity, type AssociationStatus, LIVE_ASSOCIATION_STATUSES, RemittanceAssociationEntity } from '../association.entity';

export interface AssociationWithAllocations {
  association: RemittanceAssociationEntity;
  allocations: AssociationAllocationEntity[];
}

/** Associations and their allocations; the order totals are sums over the live ones. */
export class AssociationsRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(association: RemittanceAssociationEntity, allocations: AssociationAllocationEntity[]): Promise<void> {
    await this.em.insert(RemittanceAssociationEntity, association);
    if (allocations.length > 0) await this.em.insertMany(AssociationAllocationEntity, allocations);
  }

  async allocationsOf(associationIds: string[]): Promise<AssociationAllocationEntity[]> {
    if (associationIds.length === 0) return [];
    return this.em.find(AssociationAllocationEntity, { associationId: { $in: associationIds } }, { orderBy: { orderNo: 'asc' } });
  }

  /** The association, locked for a state change. */
  async lock(id: string): Promise<AssociationWithAllocations | null> {
    const [row] = await this.em.execute<Array<{ id: string }>>(`select id from remittance_association where id = ? for update`, [id]);
    if (!row) return null;
    const association = await this.em.findOneOrFail(RemittanceAssociationEntity, { id }, { refresh: true });
    return { association, allocations: await this.allocationsOf([id]) };
  }

  async liveFor(remittanceId: string): Promise<RemittanceAssociationEntity[]> {
    return this.em.find(RemittanceAssociationEntity, { remittanceId, status: { $in: [...LIVE_ASSOCIATION_STATUSES] } });
  }

  async setStatus(id: string, status: AssociationStatus, by: string, note: string | null, at: Date): Promise<void> {
    await this.em.nativeUpdate(RemittanceAssociationEntity, { id }, { status, decidedBy: by, decidedAt: at, decisionNote: note, updatedAt: at });
  }

  /** Per order: the money of its live associations, and what it settles (money + charges accepted). */
  async orderTotals(orderNos: string[]): Promise<Map<string, OrderPaymentTotals>> {
    const totals = new Map<string, OrderPaymentTotals>(orderNos.map((no) => [no, { paid: '0', settled: '0' }]));
    if (orderNos.length === 0) return totals;
    const rows = await this.em.execute<Array<{ order_no: string; paid: string; settled: string }>>(
      `select al.order_no, sum(al.amount)::text as paid, sum(al.settled)::text as settled
         from association_allocation al join remittance_association a on a.id = al.association_id
        where al.order_no in (${placeholders(orderNos)}) and a.status in ('PROPOSED', 'APPROVED')
        group by al.order_no`,
      orderNos,
    );
    for (const r of rows) totals.set(r.order_no, { paid: r.paid, settled: r.settled });
    return totals;
  }
}
