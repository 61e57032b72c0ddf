import type { EntityManager } from '@mikro-orm/postgresql';
import { type CanonicalRemittance, remittanceSuggestedV1, remittanceUnmatchedV1 } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { RemittanceEntity } from '@ereceipt/remittances';
import { createAssociation } from './association-changes';
import { executeRows } from '@ereceipt/persistence';
import { decide, type MatchingDecision, normaliseAccount } from './domain';
import { retrieveCandidatesForBatch } from './infrastructure/batch-retrieval';
import { MatchingIndex } from './infrastructure/matching-index';
import { lockSellersOfAccounts } from './infrastructure/seller-matching.lock';
import { type MatchPlan, planFor } from './review-policy.rules';

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
export type MatchBatchItem = Omit<MatchInput, 'em' | 'outbox'>;

/**
 * Runs the engine on stored remittances inside the caller's transaction (the recording one, via
 * RemittanceHooks): retrieve candidates, decide with the seller's settings in force, keep the
 * decision, then act on it by the seller's review policy (review-policy.rules.ts): associate,
 * propose, or leave it in the exception queue, with `remittance.associated` / `.suggested` /
 * `.unmatched` in the outbox.
 */
export class MatchRemittance {
  /**
   * @param index where a batch reads its candidates: the in-memory matching index (kept exact by
   *   the sellers' versions; one per process), or null for the set-based statements of
   *   batch-retrieval.ts (the bench compares both).
   */
  constructor(readonly index: MatchingIndex | null = new MatchingIndex()) {}

  /** One remittance (a wire recorded alone, or a batch's wire decided again after its batch failed). */
  async within(input: MatchInput): Promise<MatchingDecision> {
    const [decision] = await this.withinMany(input.em, input.outbox, [input]);
    return decision;
  }

  /**
   * A batch (issue 15), decided in rounds of at most one wire per seller: each round's candidates
   * are read with one set of statements for all its wires (batch-retrieval.ts), so a round sees
   * every effect of the rounds before it, and two wires of one seller that compete for the same open
   * amount are decided one after the other, never both onto it. A seller's wires go in value-date
   * order, then in the order given (arrival). The sellers are locked first, in sorted order
   * (seller-matching.lock.ts). Decisions are returned in the order given.
   */
  async withinMany(em: EntityManager, outbox: OutboxWriter, items: readonly MatchBatchItem[], between?: () => Promise<void>): Promise<MatchingDecision[]> {
    if (items.length === 0) return [];
    const sellers = await lockSellersOfAccounts(em, items.map((i) => i.remittance.beneficiary.account));
    const sellerIds = [...new Set(sellers.values())];
    const index = this.index;
    if (!index) return this.decideInRounds(em, outbox, items, sellers, between);
    try {
      await index.prepare(em, sellerIds);
      const decisions = await this.decideInRounds(em, outbox, items, sellers, between, index);
      await index.finish(em, sellerIds);
      return decisions;
    } catch (e) {
      // Whatever the batch changed in memory may not commit: those sellers are loaded again next time.
      index.forget(sellerIds);
      throw e;
    }
  }

  private async decideInRounds(em: EntityManager, outbox: OutboxWriter, items: readonly MatchBatchItem[], sellers: ReadonlyMap<string, string>, between?: () => Promise<void>, index?: MatchingIndex): Promise<MatchingDecision[]> {
    const decisions: MatchingDecision[] = new Array<MatchingDecision>(items.length);
    for (const round of rounds(items, sellers)) {
      // The sellers read with the lock: every account of the batch is in that map (absent: no seller).
      const remittances = round.map((k) => items[k].remittance);
      const loaded = index ? index.retrieve(remittances, sellers) : await retrieveCandidatesForBatch(em, remittances, null, undefined, sellers);
      const decided = round.map((k, j) => ({ k, item: items[k], loaded: loaded[j], decision: decide(items[k].remittance, loaded[j].context) }));
      const now = new Date();
      // Native statements, one per round: this runs for every wire of the inbound batch.
      await executeRows(
        em,
        decided,
        6,
        ({ item, decision }, params) => {
          params.push(item.remittanceId, decision.outcome, decision.reason, decision.ruleVersion, JSON.stringify(decision), now);
          return '(?::uuid, ?, ?, ?, ?::jsonb, ?::timestamptz)';
        },
        (values) => `insert into match_decision (remittance_id, outcome, reason, rule_version, decision, decided_at) values ${values}
          on conflict (remittance_id) do update set outcome = excluded.outcome, reason = excluded.reason, rule_version = excluded.rule_version, decision = excluded.decision, decided_at = excluded.decided_at`,
      );
      const unassociated: Array<{ id: string; sellerId: string; status: string }> = [];
      const credited: string[] = [];
      const associated: string[] = [];
      for (const { k, item, loaded: l, decision } of decided) {
        decisions[k] = decision;
        const plan = planFor(decision, item.remittance, l.reviewPolicy);
        if (plan.kind === 'ASSOCIATE') {
          // The engine never decides AUTO without the seller of the account the money reached.
          if (!l.sellerId) throw new Error(`remittance ${item.remittanceId}: an automatic association without a seller`);
          await this.associate(em, outbox, item, l.sellerId, plan, decision);
          credited.push(...plan.allocations.map((a) => a.orderNo));
          associated.push(item.remittanceId);
          continue;
        }
        // A new remittance is PENDING_ASSOCIATION with no seller: only a known seller changes the row.
        if (l.sellerId) unassociated.push({ id: item.remittanceId, sellerId: l.sellerId, status: plan.remittanceStatus });
        await this.announce(outbox, item, l.sellerId, plan, decision, now);
      }
      await executeRows(
        em,
        unassociated,
        3,
        (u, params) => {
          params.push(u.id, u.sellerId, u.status);
          return '(?::uuid, ?::uuid, ?)';
        },
        (values) => `update remittance r set seller_id = v.seller_id, status = v.status from (values ${values}) as v(id, seller_id, status) where r.id = v.id`,
      );
      // The next round reads what this one changed: the orders credited and the associations made, re-read.
      if (index) await index.applyChanges(em, credited, associated);
      if (between) await between();
    }
    return decisions;
  }

  private async associate(em: EntityManager, outbox: OutboxWriter, item: MatchBatchItem, sellerId: string, plan: Extract<MatchPlan, { kind: 'ASSOCIATE' }>, decision: MatchingDecision): Promise<void> {
    const stored = await em.findOneOrFail(RemittanceEntity, { id: item.remittanceId });
    await createAssociation(em, outbox, {
      remittance: stored,
      sellerId,
      method: 'AUTO',
      status: plan.status,
      allocations: plan.allocations,
      actor: 'system',
      decision,
      remittanceStatus: plan.remittanceStatus,
      correlationId: item.correlationId,
    });
  }

  private async announce(outbox: OutboxWriter, item: MatchBatchItem, sellerId: string | null, plan: Exclude<MatchPlan, { kind: 'ASSOCIATE' }>, decision: MatchingDecision, now: Date): Promise<void> {
    const { remittanceId, remittance } = item;
    const ref = { remittanceId, sellerId, currency: remittance.currency, amount: remittance.amount, remittanceStatus: plan.remittanceStatus };
    const summary = { outcome: decision.outcome, reason: decision.reason, flags: decision.flags, ruleVersion: decision.ruleVersion };
    if (plan.kind === 'SUGGEST') {
      const candidates = decision.candidates.map((c) => ({ orderNo: c.orderNo, amount: c.amount, score: c.score }));
      await outbox.appendEvent(remittanceSuggestedV1, { key: remittanceId, correlationId: item.correlationId, data: { ...ref, decision: summary, candidates, decidedAt: now.toISOString() } });
    } else {
      await outbox.appendEvent(remittanceUnmatchedV1, { key: remittanceId, correlationId: item.correlationId, data: { ...ref, decision: summary, decidedAt: now.toISOString() } });
    }
  }
}

/**
 * The batch's wires (by index) in rounds: round n holds the n-th wire of each seller, a seller's
 * wires taken by value date, then as given; wires that reach no seller all go in the first round.
 */
export function rounds(items: readonly Pick<MatchBatchItem, 'remittance'>[], sellerOfAccount: ReadonlyMap<string, string>): number[][] {
  const bySeller = new Map<string, number[]>();
  const first: number[] = [];
  items.forEach((item, k) => {
    const account = item.remittance.beneficiary.account ? normaliseAccount(item.remittance.beneficiary.account) : null;
    const seller = account ? sellerOfAccount.get(account) : undefined;
    if (!seller) {
      first.push(k);
      return;
    }
    const list = bySeller.get(seller);
    if (list) list.push(k);
    else bySeller.set(seller, [k]);
  });
  const out: number[][] = [first];
  for (const list of bySeller.values()) {
    list.sort((a, b) => (items[a].remittance.valueDate < items[b].remittance.valueDate ? -1 : items[a].remittance.valueDate > items[b].remittance.valueDate ? 1 : a - b));
    list.forEach((k, n) => (out[n] ??= []).push(k));
  }
  return out.filter((r) => r.length > 0).map((r) => r.sort((a, b) => a - b));
}
