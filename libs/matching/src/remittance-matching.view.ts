import { MikroORM } from '@mikro-orm/postgresql';
import { compareAmounts } from '@ereceipt/money';
import type { RemittanceViewExtras } from '@ereceipt/remittances';
import { AssociationAllocationEntity, RemittanceAssociationEntity } from './association.entity';
import { MatchDecisionEntity } from './match-decision.entity';

/** `associations` and `decision` of the remittance view (docs/contract.md "Remittance"), two queries per page. */
export async function remittanceMatchingViews(orm: MikroORM, remittanceIds: string[]): Promise<Map<string, RemittanceViewExtras>> {
  const em = orm.em.fork();
  const associations = await em.find(RemittanceAssociationEntity, { remittanceId: { $in: remittanceIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const allocations = associations.length === 0 ? [] : await em.find(AssociationAllocationEntity, { associationId: { $in: associations.map((a) => a.id) } }, { orderBy: { orderNo: 'asc' } });
  const decisions = await em.find(MatchDecisionEntity, { remittanceId: { $in: remittanceIds } });
  const views = new Map<string, RemittanceViewExtras>(remittanceIds.map((id) => [id, { associations: [], decision: null }]));
  for (const a of associations) {
    for (const al of allocations.filter((x) => x.associationId === a.id)) {
      views.get(a.remittanceId)?.associations.push({
        id: a.id,
        orderNo: al.orderNo,
        amount: al.amount,
        bankCharges: compareAmounts(al.bankCharges, '0') === 0 ? null : al.bankCharges,
        method: a.method,
        status: a.status,
        actor: a.actor,
        decidedBy: a.decidedBy,
        createdAt: a.createdAt.toISOString(),
      });
    }
  }
  for (const d of decisions) {
    const view = views.get(d.remittanceId);
    if (!view) continue;
    view.decision = {
      outcome: d.outcome,
      reason: d.reason,
      flags: d.decision.flags,
      ruleVersion: d.ruleVersion,
      candidates: d.decision.candidates.map((c) => ({ orderNo: c.orderNo, amount: c.amount, score: c.score, fit: c.fit, signals: c.signals })),
      decidedAt: d.decidedAt.toISOString(),
    };
  }
  return views;
}
