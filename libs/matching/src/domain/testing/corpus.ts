import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { MatchingContext, MatchingDecision } from '@ereceipt/matching';
import { Rng } from './prng';
import type { CaseLabel } from './scenario-kit';
import { SCENARIOS } from './scenarios';
import { makeWorld } from './world';

/**
 * A labelled corpus generated from a seed: each case is a small seller world (buyers with distinct
 * names, their open orders, decoys) plus one remittance and its label, the allocation the payment
 * was really for, or MUST_NOT_AUTO (third party, ambiguous, suspicious) with the intended orders.
 */
export interface CorpusCase {
  id: string;
  scenario: string;
  remittance: CanonicalRemittance;
  context: MatchingContext;
  label: CaseLabel;
}

export function generateCorpus(seed: number, perScenario: number): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const names = Object.keys(SCENARIOS).sort();
  for (let i = 0; i < perScenario; i++) {
    for (const [s, name] of names.entries()) {
      const rng = new Rng(seed * 1_000_003 + i * 101 + s);
      const world = makeWorld(rng);
      const { remittance, label } = SCENARIOS[name](rng, world);
      world.context.orders = world.orders;
      cases.push({ id: `${name}-${i}`, scenario: name, remittance, context: world.context, label });
    }
  }
  return cases;
}

export interface CorpusMetrics {
  cases: number;
  autoAble: number;
  autoCorrect: number;
  wrongAuto: number;
  mustNotAuto: number;
  suggested: number;
  suggestionHits: number;
  wrong: string[];
}

const key = (allocs: Array<{ orderNo: string; amount: string }>) => allocs.map((a) => `${a.orderNo}=${a.amount}`).sort().join(',');

/**
 * Auto rate = AUTO decisions whose allocations equal the label ÷ cases labelled AUTO.
 * Wrong auto = AUTO on a MUST_NOT_AUTO case, or AUTO with other allocations than the label.
 * Suggestion hit = among SUGGEST decisions on cases with intended orders, every intended order is
 * among the top max(3, intended count) candidates.
 */
export function measure(cases: CorpusCase[], decisions: MatchingDecision[]): CorpusMetrics {
  const m: CorpusMetrics = { cases: cases.length, autoAble: 0, autoCorrect: 0, wrongAuto: 0, mustNotAuto: 0, suggested: 0, suggestionHits: 0, wrong: [] };
  cases.forEach((c, i) => {
    const d = decisions[i];
    const intended = c.label.kind === 'AUTO' ? c.label.allocations.map((a) => a.orderNo) : c.label.intended;
    if (c.label.kind === 'AUTO') m.autoAble++;
    else m.mustNotAuto++;
    if (d.outcome === 'AUTO') {
      if (c.label.kind === 'AUTO' && key(d.allocations) === key(c.label.allocations)) m.autoCorrect++;
      else {
        m.wrongAuto++;
        m.wrong.push(c.id);
      }
    }
    if (d.outcome === 'SUGGEST' && intended.length > 0) {
      m.suggested++;
      const top = new Set(d.candidates.slice(0, Math.max(3, intended.length)).map((x) => x.orderNo));
      if (intended.every((no) => top.has(no))) m.suggestionHits++;
    }
  });
  return m;
}
