import type { EntityManager } from '@mikro-orm/postgresql';
import { type CanonicalRemittance, remittanceSuggestedV1, remittanceUnmatchedV1 } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { RemittanceEntity } from '@ereceipt/remittances';
import { createAssociation } from './association-changes';
import { decide, type MatchingDecision } from './domain';
import { loadMatchingContext } from './infrastructure/matching-context.loader';
import { planFor } from './review-policy.rules';

export interface MatchInput {
  em: EntityManager;
  outbox: OutboxWriter;
  remittanceId: string;
  remittance: CanonicalRemittance;
  correlationId?: string | undefined;
}

/**
 * Runs the engine on a stored remittance inside the caller's transaction (the recording one, via
 * RemittanceHooks): retrieve candidates, decide with the seller's settings in force, keep the
 * decision, then act on it by the seller's review policy (review-policy.rules.ts): associate, propose, or leave it in the exception queue, with
 * `remittance.associated` / `.suggested` / `.unmatched` in the outbox.
 */
export class MatchRemittance {
  async within(input: MatchInput): Promise<MatchingDecision> {
    const { em, outbox, remittanceId, remittance } = input;
    const loaded = await loadMatchingContext(em, remittance);
    const decision = decide(remittance, loaded.context);
    const now = new Date();
    // Native statements: this runs for every wire in the inbound chunk, where the unit of work is costly.
    await em.execute(
      `insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at) values (?, ?, ?, ?, ?, ?)
       on conflict (remittance_id) do update set outcome = excluded.outcome, reason = excluded.reason, rule_version = excluded.rule_version, decision = excluded.decision, decided_at = excluded.decided_at`,
      [remittanceId, decision.outcome, decision.reason, decision.ruleVersion, JSON.stringify(decision), now],
    );
    const plan = planFor(decision, remittance, loaded.reviewPolicy);
    const ref = { remittanceId, sellerId: loaded.sellerId, currency: remittance.currency, amount: remittance.amount, remittanceStatus: plan.remittanceStatus };
    const summary = { outcome: decision.outcome, reason: decision.reason, flags: decision.flags, ruleVersion: decision.ruleVersion };
    if (plan.kind === 'ASSOCIATE' && loaded.sellerId) {
      const stored = await em.findOneOrFail(RemittanceEntity, { id: remittanceId });
      await createAssociation(em, outbox, {
        remittance: stored,
        sellerId: loaded.sellerId,
        method: 'AUTO',
        status: plan.status,
        allocations: plan.allocations,
        actor: 'system',
        decision,
        remittanceStatus: plan.remittanceStatus,
        correlationId: input.correlationId,
      });
      return decision;
    }
    // A new remittance is PENDING_ASSOCIATION with no seller: only a known seller changes the row.
    if (loaded.sellerId) await em.nativeUpdate(RemittanceEntity, { id: remittanceId }, { sellerId: loaded.sellerId, status: plan.remittanceStatus });
    if (plan.kind === 'SUGGEST') {
      const candidates = decision.candidates.map((c) => ({ orderNo: c.orderNo, amount: c.amount, score: c.score }));
      await outbox.appendEvent(remittanceSuggestedV1, { key: remittanceId, correlationId: input.correlationId, data: { ...ref, decision: summary, candidates, decidedAt: now.toISOString() } });
    } else {
      await outbox.appendEvent(remittanceUnmatchedV1, { key: remittanceId, correlationId: input.correlationId, data: { ...ref, decision: summary, decidedAt: now.toISOString() } });
    }
    return decision;
  }
}
