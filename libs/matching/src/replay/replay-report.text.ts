import { DEFAULT_CHARGE_TOLERANCE, DEFAULT_NAME_MATCH } from '../domain';
import type { ReplayReport } from './replay-matching.usecase';
import type { AllocationKey, DecisionFigures, DecisionSummary } from './replay-scoring.rules';

const count = (n: number): string => n.toLocaleString('en-US');
const ratio = (r: number | null): string => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
const allocs = (a: readonly AllocationKey[]): string => a.map((x) => `${x.orderNo} ${x.amount}`).join(' + ');
const side = (d: DecisionSummary | null): string =>
  d === null
    ? '(no decision)'
    : `${d.outcome} ${d.reason.replace('MATCHING.', '')}${d.flags.length > 0 ? ` (${d.flags.join(', ')})` : ''}${d.outcome === 'AUTO' ? ` [${allocs(d.allocations)}]` : ''} ${d.verdict.toLowerCase()}`;

/** The replay as a finance analyst reads it: rules, figures side by side, what would change. */
export function renderReplayText(report: ReplayReport, shownChanges = 20): string {
  const { rules, labels } = report;
  const tolerance = rules?.chargeTolerance ?? DEFAULT_CHARGE_TOLERANCE;
  const names = rules?.names ?? DEFAULT_NAME_MATCH;
  const ruleLine = rules
    ? `  rules ${rules.ruleVersion}: charge tolerance ${tolerance.percent} % or ${tolerance.absolute} units (lower); names at ${names.threshold}/100, tie margin ${names.tieMargin}`
    : `  rules in force: each seller's charge tolerance at each decision (default ${tolerance.percent} % or ${tolerance.absolute} units, lower); names at ${names.threshold}/100, tie margin ${names.tieMargin}`;
  const row = (label: string, f: (d: DecisionFigures) => string) => `  ${label.padEnd(34)}${f(report.stored).padStart(16)}${f(report.replay).padStart(16)}`;
  const lines = [
    `matching replay: remittances received ${report.from} .. ${report.to} (UTC)`,
    ruleLine,
    `  ${count(report.remittances)} remittances; people decided ${count(labels.CONFIRMED + labels.REFUTED)}: ${count(labels.CONFIRMED)} associated or approved by hand, ${count(labels.REFUTED)} rejected or unbound;`,
    `  ${count(labels.STANDING_AUTO)} automatic associations nobody touched, ${count(labels.PENDING)} waiting for finance, ${count(labels.NONE)} never associated`,
    '',
    `  ${''.padEnd(34)}${'as decided'.padStart(16)}${'replayed'.padStart(16)}`,
    row('AUTO', (d) => count(d.outcomes.AUTO)),
    row('SUGGEST', (d) => count(d.outcomes.SUGGEST)),
    row('NONE', (d) => count(d.outcomes.NONE)),
    row('no decision recorded', (d) => count(d.outcomes.NO_DECISION)),
    row('precision (vs people)', (d) => ratio(d.precision)),
    row('recall (vs people)', (d) => ratio(d.recall)),
    row('wrong automatic associations', (d) => count(d.verdicts.WRONG)),
    row('AUTO not judgeable', (d) => count(d.verdicts.UNVERIFIABLE)),
    row('agrees with untouched autos', (d) => `${count(d.verdicts.AGREES)}/${count(labels.STANDING_AUTO)}`),
    '',
  ];
  const transitions = Object.entries(report.transitions);
  if (transitions.length === 0) {
    lines.push('  nothing would change');
  } else {
    lines.push(`  would change: ${count(report.changes.length)} remittance(s)`);
    for (const [t, n] of transitions) lines.push(`    ${t.padEnd(40)}${count(n).padStart(8)}`);
    lines.push('', `  first ${Math.min(shownChanges, report.changes.length)} (all with --format json):`);
    for (const c of report.changes.slice(0, shownChanges)) {
      lines.push(`    ${c.remittanceId}  ${c.receivedAt.slice(0, 10)}  ${c.currency} ${c.amount}  ${c.payerName ?? '(no payer name)'}`);
      lines.push(`      as decided: ${side(c.stored)}`);
      lines.push(`      replayed:   ${side(c.replay)}`);
      if (c.confirmed) lines.push(`      people:     ${allocs(c.confirmed)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
