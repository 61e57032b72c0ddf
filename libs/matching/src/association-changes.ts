import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { remittanceAssociatedV1, remittanceUnboundV1 } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { addAmounts } from '@ereceipt/money';
import { applyOrderPayments } from '@ereceipt/orders';
import { canonicalOf, RemittanceEntity, type RemittanceStatus } from '@ereceipt/remittances';
import { AssociationAllocationEntity, type AssociationMethod, type AssociationScore, RemittanceAssociationEntity } from './association.entity';
import type { AuditAction } from './association-audit.entity';
import { associationHooks } from './association-hooks';
import type { MatchingDecision } from './domain';
import { normaliseAccount, payerAccountKey } from './domain';
import { appendAudit } from './infrastructure/association-audit.writer';
import { AssociationsRepository } from './infrastructure/associations.repository';
import type { PlannedAllocation } from './review-policy.rules';

export interface NewAssociation {
  remittance: RemittanceEntity;
  sellerId: string;
  method: AssociationMethod;
  status: 'PROPOSED' | 'APPROVED';
  allocations: PlannedAllocation[];
  actor: string;
  decision: MatchingDecision | null;
  remittanceStatus: RemittanceStatus;
  correlationId?: string | undefined;
}

const remittanceRef = (r: RemittanceEntity, sellerId: string | null, status: RemittanceStatus) => ({ remittanceId: r.id, sellerId, currency: r.currency, amount: r.amount, remittanceStatus: status as 'PENDING_ASSOCIATION' });

const decisionSummary = (d: MatchingDecision | null) => (d ? { outcome: d.outcome, reason: d.reason, flags: d.flags, ruleVersion: d.ruleVersion } : null);

/**
 * Ties money to orders, all inside the caller's transaction: the association and its allocations,
 * the orders' paid amounts (recomputed from every live association, so it is exact and
 * reversible), the remittance's status, the audit chain, and `remittance.associated` in the outbox.
 */
export async function createAssociation(em: EntityManager, outbox: OutboxWriter, input: NewAssociation): Promise<RemittanceAssociationEntity> {
  const now = new Date();
  const r = input.remittance;
  const currency = r.currency;
  const scores: AssociationScore[] = (input.decision?.candidates ?? []).filter((c) => input.allocations.some((a) => a.orderNo === c.orderNo)).map((c) => ({ orderNo: c.orderNo, score: c.score, signals: c.signals }));
  const association: RemittanceAssociationEntity = {
    id: randomUUID(),
    remittanceId: r.id,
    sellerId: input.sellerId,
    currency,
    amount: addAmounts(currency, ...input.allocations.map((a) => a.amount)),
    method: input.method,
    status: input.status,
    reason: input.decision?.reason ?? null,
    flags: input.decision?.flags ?? [],
    scores,
    ruleVersion: input.decision?.ruleVersion ?? null,
    actor: input.actor,
    uetr: r.uetr,
    endToEndId: r.endToEndId,
    // The payer's account, or its 50F party identifier when there is none (payerAccountKey): what retrieval looks known payers up by.
    payerAccount: knownPayerKey(r),
    createdAt: now,
    updatedAt: now,
    decidedBy: input.status === 'APPROVED' ? input.actor : null,
    decidedAt: input.status === 'APPROVED' ? now : null,
    decisionNote: null,
  };
  const allocations: AssociationAllocationEntity[] = input.allocations.map((a) => ({
    id: randomUUID(),
    associationId: association.id,
    orderNo: a.orderNo,
    amount: addAmounts(currency, a.amount),
    bankCharges: addAmounts(currency, a.bankCharges ?? '0'),
    settled: addAmounts(currency, a.amount, a.bankCharges ?? '0'),
  }));
  const repo = new AssociationsRepository(em);
  await repo.insert(association, allocations);
  await associationHooks.changed(em, association.id);
  await applyOrderPayments(em, await repo.orderTotals(allocations.map((a) => a.orderNo)), input.correlationId);
  await em.nativeUpdate(RemittanceEntity, { id: r.id }, { status: input.remittanceStatus, sellerId: input.sellerId });
  const eventAllocations = allocations.map((a) => ({ orderNo: a.orderNo, amount: a.amount, bankCharges: a.bankCharges === addAmounts(currency) ? null : a.bankCharges }));
  const action: AuditAction = input.method === 'MANUAL' ? 'MANUAL_ASSOCIATE' : input.status === 'APPROVED' ? 'AUTO_ASSOCIATE' : 'PROPOSE';
  await appendAudit(em, { chain: input.sellerId, remittanceId: r.id, associationId: association.id, action, actor: input.actor, payload: { method: input.method, status: input.status, allocations: eventAllocations, decision: decisionSummary(input.decision) } }, now);
  await outbox.appendEvent(remittanceAssociatedV1, {
    key: r.id,
    correlationId: input.correlationId,
    data: {
      ...remittanceRef(r, input.sellerId, input.remittanceStatus),
      association: { id: association.id, method: input.method, status: input.status, allocations: eventAllocations, actor: input.actor, ruleVersion: association.ruleVersion },
      decision: decisionSummary(input.decision),
      associatedAt: now.toISOString(),
    },
  });
  return association;
}

/**
 * Ends a live association (UNBIND by the seller or finance, REJECT by finance): the orders no longer
 * count its money, the remittance goes back to PENDING_ASSOCIATION (unbind) or FOLLOW_UP (reject,
 * docs/domain.md §3) unless another live association holds it, audit, `remittance.unbound` event.
 */
export async function endAssociation(
  em: EntityManager,
  outbox: OutboxWriter,
  input: { association: RemittanceAssociationEntity; allocations: AssociationAllocationEntity[]; remittance: RemittanceEntity; action: 'UNBIND' | 'REJECT'; actor: string; reason: string | null },
): Promise<RemittanceStatus> {
  const now = new Date();
  const { association, allocations, remittance: r } = input;
  const repo = new AssociationsRepository(em);
  await repo.setStatus(association.id, input.action === 'UNBIND' ? 'UNBOUND' : 'REJECTED', input.actor, input.reason, now);
  await associationHooks.changed(em, association.id);
  await applyOrderPayments(em, await repo.orderTotals(allocations.map((a) => a.orderNo)));
  const others = (await repo.liveFor(r.id)).filter((a) => a.id !== association.id);
  const status: RemittanceStatus = others.some((a) => a.status === 'PROPOSED') ? 'UNDER_REVIEW' : others.length > 0 ? 'ASSOCIATED' : input.action === 'REJECT' ? 'FOLLOW_UP' : 'PENDING_ASSOCIATION';
  await em.nativeUpdate(RemittanceEntity, { id: r.id }, { status });
  const eventAllocations = allocations.map((a) => ({ orderNo: a.orderNo, amount: a.amount, bankCharges: a.bankCharges === addAmounts(r.currency) ? null : a.bankCharges }));
  await appendAudit(em, { chain: association.sellerId, remittanceId: r.id, associationId: association.id, action: input.action, actor: input.actor, payload: { allocations: eventAllocations, reason: input.reason } }, now);
  await outbox.appendEvent(remittanceUnboundV1, {
    key: r.id,
    data: { ...remittanceRef(r, association.sellerId, status), associationId: association.id, action: input.action, allocations: eventAllocations, actor: input.actor, reason: input.reason, unboundAt: now.toISOString() },
  });
  return status;
}

/** The key a payer is known by in `remittance_association.payer_account`: its normalised account, or its party identifier. */
function knownPayerKey(r: RemittanceEntity): string | null {
  const key = payerAccountKey(canonicalOf(r).payer);
  return key ? normaliseAccount(key) : null;
}
