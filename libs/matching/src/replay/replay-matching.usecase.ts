import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { IsolationLevel } from '@mikro-orm/core';
import { canonicalOf } from '@ereceipt/remittances';
import { decide, type MatchingRuleSet, normaliseAccount } from '../domain';
import { retrieveCandidates } from '../infrastructure/matching-context.loader';
import { ReplayHistoryRepository, type RemittanceKey } from '../infrastructure/replay-history.repository';
import { AsOfCandidates } from './as-of-candidates';
import type { AssociationRecord, SellerHistory } from './replay-history';
import { labelOf, type ReplayFigures, ReplayTally } from './replay-scoring.rules';

export interface ReplayRequest {
  /** First and last day received, `YYYY-MM-DD` (UTC), inclusive. */
  from: string;
  to: string;
  /** The rules to try for every seller; null replays each seller's settings in force at each decision. */
  rules: MatchingRuleSet | null;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Milliseconds of each step: reading one seller's history, re-deciding one remittance (the benchmark's figures). */
  onTiming?: (step: 'history' | 'decision', ms: number) => void;
}

export interface ReplayReport extends ReplayFigures {
  from: string;
  to: string;
  /** The rules file's rules, or null: each seller's settings in force at each decision. */
  rules: MatchingRuleSet | null;
}

/** Remittances read and decided per batch (one identity map each). */
const BATCH = 500;
const DAY_MS = 86_400_000;

function dayStart(day: string, field: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day) throw new Error(`${field}: "${day}" is not a day (YYYY-MM-DD)`);
  return at;
}

/**
 * `ereceipt matching replay` (issue 5): re-runs the engine, read-only, over the remittances received
 * in a period, each on the candidates as they stood when the hub decided it (AsOfCandidates over
 * the seller's history; the tables only hold the state now), with the rules in force or a rules
 * file; then compares with the stored decisions and with what people decided (replay-scoring.rules).
 * Nothing is written. Sellers are replayed one at a time, so memory holds one seller's history.
 */
export class ReplayMatching {
  constructor(private readonly orm: MikroORM) {}

  async execute(request: ReplayRequest): Promise<ReplayReport> {
    const from = dayStart(request.from, 'from');
    const until = new Date(dayStart(request.to, 'to').getTime() + DAY_MS);
    if (until <= from) throw new Error(`to: ${request.to} is before from: ${request.from}`);
    const tally = new ReplayTally();
    await this.orm.em.fork().transactional(
      async (em) => {
        const repo = new ReplayHistoryRepository(em);
        const accounts = await repo.accounts();
        const keys = await repo.remittanceKeys(from, until);
        let done = 0;
        request.onProgress?.({ done, total: keys.length });
        for (const [sellerId, group] of groupBySeller(keys, accounts)) {
          const loadStart = performance.now();
          const history: SellerHistory = sellerId ? await repo.sellerHistory(sellerId, until) : { sellerId: '', orders: new Map(), associations: [], settings: [] };
          request.onTiming?.('history', performance.now() - loadStart);
          const byRemittance = new Map<string, AssociationRecord[]>();
          for (const a of history.associations) {
            const list = byRemittance.get(a.remittanceId);
            if (list) list.push(a);
            else byRemittance.set(a.remittanceId, [a]);
          }
          for (let i = 0; i < group.length; i += BATCH) {
            for (const { remittance: r, decision } of await repo.remittances(group.slice(i, i + BATCH).map((k) => k.id))) {
              // An identity conflict (a reused UETR with other money, issue #16) is never decided by the engine: a person decides it.
              if (r.conflictsWith) {
                done += 1;
                continue;
              }
              const started = performance.now();
              const at = decision?.decidedAt ?? r.receivedAt;
              const canonical = canonicalOf(r);
              const loaded = await retrieveCandidates(new AsOfCandidates(accounts, history, at, r.id), canonical, request.rules);
              tally.add({
                remittanceId: r.id,
                receivedAt: r.receivedAt,
                decidedAt: decision?.decidedAt ?? null,
                sellerId: loaded.sellerId,
                currency: r.currency,
                amount: r.amount,
                payerName: r.payerName,
                stored: decision?.decision ?? null,
                replay: decide(canonical, loaded.context),
                label: labelOf(byRemittance.get(r.id) ?? []),
              });
              request.onTiming?.('decision', performance.now() - started);
              done += 1;
            }
            em.clear();
            request.onProgress?.({ done, total: keys.length });
          }
        }
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    return { from: request.from, to: request.to, rules: request.rules, ...tally.figures() };
  }
}

/** Remittances by the seller they belong to: the one matching recorded, else the owner of the account they reached. */
function groupBySeller(keys: RemittanceKey[], accounts: ReadonlyMap<string, { sellerId: string }>): Map<string | null, RemittanceKey[]> {
  const groups = new Map<string | null, RemittanceKey[]>();
  for (const k of keys) {
    const sellerId = k.sellerId ?? (k.beneficiaryAccount ? (accounts.get(normaliseAccount(k.beneficiaryAccount))?.sellerId ?? null) : null);
    const group = groups.get(sellerId);
    if (group) group.push(k);
    else groups.set(sellerId, [k]);
  }
  return groups;
}
