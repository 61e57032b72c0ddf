import { decide, type MatchingDecision } from '@ereceipt/matching';
import { generateCorpus, measure } from './testing/corpus';

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)} %`);

describe('matching engine over a generated, labelled corpus', () => {
  const corpus = generateCorpus(20261120, 120);
  let decisions: MatchingDecision[] = [];

  beforeAll(() => {
    decisions = corpus.map((c) => decide(c.remittance, c.context));
  });

  it('has at least 2,000 labelled cases of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(corpus.map((c) => c.scenario)).size).toBeGreaterThanOrEqual(19);
  });

  it('auto-associates at least 95 % of the auto-able cases and never wrongly', () => {
    const m = measure(corpus, decisions);
    const byScenario = Object.fromEntries(
      [...new Set(corpus.map((c) => c.scenario))].map((s) => {
        const idx = corpus.flatMap((c, i) => (c.scenario === s ? [i] : []));
        const sub = measure(idx.map((i) => corpus[i]), idx.map((i) => decisions[i]));
        return [s, { cases: sub.cases, autoAble: sub.autoAble, autoCorrect: sub.autoCorrect, wrongAuto: sub.wrongAuto, suggestHit: `${sub.suggestionHits}/${sub.suggested}` }];
      }),
    );
    console.log(`matching corpus by scenario\n${JSON.stringify(byScenario, null, 1)}`);
    console.table({
      cases: m.cases,
      'labelled auto-able': m.autoAble,
      'labelled must-not-auto': m.mustNotAuto,
      'auto correct': m.autoCorrect,
      'auto rate (auto correct / auto-able)': pct(m.autoCorrect, m.autoAble),
      'wrong auto': m.wrongAuto,
      'suggestion hit rate (intended in top 3 / SUGGEST with intended)': `${pct(m.suggestionHits, m.suggested)} (${m.suggestionHits}/${m.suggested})`,
    });
    expect(m.wrong).toEqual([]);
    expect(m.autoCorrect / m.autoAble).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic: a second run over a freshly generated corpus gives the same decisions', () => {
    const again = generateCorpus(20261120, 120).map((c) => decide(c.remittance, c.context));
    expect(JSON.stringify(again)).toBe(JSON.stringify(decisions));
  });

  it('carries a breakdown, a reason and the rule version on every decision; AUTO allocations add up', () => {
    decisions.forEach((d, i) => {
      expect(d.reason).toMatch(/^MATCHING\.[A-Z_]+$/);
      expect(d.ruleVersion).toBe('corpus-rules/1');
      d.candidates.forEach((c) => expect(c.score).toBe(c.signals.reduce((s, x) => s + x.score, 0)));
      if (d.outcome === 'AUTO') {
        const cents = d.allocations.reduce((s, a) => s + BigInt(a.amount.replace('.', '')), 0n);
        expect(cents).toBe(BigInt(corpus[i].remittance.amount.replace('.', '')));
      }
    });
  });
});
