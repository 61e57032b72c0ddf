import { type Dec, dec } from '@ereceipt/money';
import type { MatchingDecision, MatchingOutcome } from '../domain';
import { type AssociationRecord, associationStatusNow, touchedByPeople } from './replay-history';

export interface AllocationKey {
  orderNo: string;
  amount: string;
}

/**
 * What people decided about a remittance, read from its associations now:
 * - CONFIRMED: associated by hand, or approved by finance, and still live: the right allocations;
 * - REFUTED: associations rejected or unbound by a person, and nothing confirmed since: wrong ones;
 * - STANDING_AUTO: an automatic association nobody touched (not a human decision; reported apart);
 * - PENDING: proposed, waiting for finance; NONE: no association ever.
 */
export type PeopleLabel =
  | { kind: 'CONFIRMED'; allocations: AllocationKey[] }
  | { kind: 'REFUTED'; refuted: AllocationKey[][] }
  | { kind: 'STANDING_AUTO'; allocations: AllocationKey[] }
  | { kind: 'PENDING' }
  | { kind: 'NONE' };

export type LabelKind = PeopleLabel['kind'];
export const labelKinds: readonly LabelKind[] = ['CONFIRMED', 'REFUTED', 'STANDING_AUTO', 'PENDING', 'NONE'];

const keysOf = (a: AssociationRecord): AllocationKey[] => a.allocations.map((al) => ({ orderNo: al.orderNo, amount: al.amount }));

/** One remittance's associations (any order) -> the label. Several live approved associations add up. */
export function labelOf(associations: readonly AssociationRecord[]): PeopleLabel {
  const now = associations.map((a) => ({ a, status: associationStatusNow(a), people: touchedByPeople(a) }));
  const approved = now.filter((x) => x.status === 'APPROVED');
  if (approved.some((x) => x.people)) return { kind: 'CONFIRMED', allocations: approved.flatMap((x) => keysOf(x.a)) };
  const ended = now.filter((x) => (x.status === 'REJECTED' || x.status === 'UNBOUND') && x.people);
  if (ended.length > 0 && approved.length === 0) return { kind: 'REFUTED', refuted: ended.map((x) => keysOf(x.a)) };
  if (approved.length > 0) return { kind: 'STANDING_AUTO', allocations: approved.flatMap((x) => keysOf(x.a)) };
  if (now.some((x) => x.status === 'PROPOSED')) return { kind: 'PENDING' };
  return { kind: 'NONE' };
}

/** Same orders with the same amounts (decimals compared exactly; several parts on one order add up). */
export function sameAllocations(a: readonly AllocationKey[], b: readonly AllocationKey[]): boolean {
  const totals = (xs: readonly AllocationKey[]) => {
    const m = new Map<string, Dec>();
    for (const x of xs) m.set(x.orderNo, (m.get(x.orderNo) ?? dec('0')).plus(dec(x.amount)));
    return m;
  };
  const ta = totals(a);
  const tb = totals(b);
  return ta.size === tb.size && [...ta].every(([orderNo, amount]) => tb.get(orderNo)?.eq(amount) === true);
}

/**
 * How a decision fares against the label:
 * CORRECT / WRONG: an AUTO judged by a confirmed or refuted label; MISSED: not AUTO where people
 * confirmed an association; UNVERIFIABLE: an AUTO where people only refuted other allocations;
 * AGREES / DIFFERS: against an automatic association nobody touched; UNLABELLED otherwise.
 */
export type Verdict = 'CORRECT' | 'WRONG' | 'MISSED' | 'UNVERIFIABLE' | 'AGREES' | 'DIFFERS' | 'UNLABELLED';

export function verdictOf(decision: Pick<MatchingDecision, 'outcome' | 'allocations'> | null, label: PeopleLabel): Verdict {
  const auto = decision?.outcome === 'AUTO' ? decision.allocations : null;
  switch (label.kind) {
    case 'CONFIRMED':
      return auto === null ? 'MISSED' : sameAllocations(auto, label.allocations) ? 'CORRECT' : 'WRONG';
    case 'REFUTED':
      return auto === null ? 'UNLABELLED' : label.refuted.some((r) => sameAllocations(auto, r)) ? 'WRONG' : 'UNVERIFIABLE';
    case 'STANDING_AUTO':
      return auto !== null && sameAllocations(auto, label.allocations) ? 'AGREES' : 'DIFFERS';
    case 'PENDING':
    case 'NONE':
      return 'UNLABELLED';
  }
}

export interface DecisionFigures {
  outcomes: Record<MatchingOutcome | 'NO_DECISION', number>;
  verdicts: Record<Verdict, number>;
  /** correct / (correct + wrong), against people's decisions; null when no AUTO was judged. */
  precision: number | null;
  /** correct / confirmed; null when people confirmed nothing. */
  recall: number | null;
}

/** A remittance whose replayed decision differs from the stored one (outcome, allocations, reason or flags). */
export interface ReplayChange {
  remittanceId: string;
  receivedAt: string;
  decidedAt: string | null;
  sellerId: string | null;
  currency: string;
  amount: string;
  payerName: string | null;
  stored: DecisionSummary | null;
  replay: DecisionSummary;
  label: LabelKind;
  confirmed: AllocationKey[] | null;
}

export interface DecisionSummary {
  outcome: MatchingOutcome;
  reason: string;
  flags: string[];
  allocations: AllocationKey[];
  verdict: Verdict;
}

export interface ReplayFigures {
  remittances: number;
  labels: Record<LabelKind, number>;
  stored: DecisionFigures;
  replay: DecisionFigures;
  /** `AUTO -> SUGGEST`, `AUTO -> AUTO (other allocations)`, `SUGGEST -> SUGGEST (other reason)`, `AUTO -> AUTO (other flags)`, ... */
  transitions: Record<string, number>;
  changes: ReplayChange[];
}

export interface ReplayCase {
  remittanceId: string;
  receivedAt: Date;
  decidedAt: Date | null;
  sellerId: string | null;
  currency: string;
  amount: string;
  payerName: string | null;
  stored: MatchingDecision | null;
  replay: MatchingDecision;
  label: PeopleLabel;
}

const zeroVerdicts = (): Record<Verdict, number> => ({ CORRECT: 0, WRONG: 0, MISSED: 0, UNVERIFIABLE: 0, AGREES: 0, DIFFERS: 0, UNLABELLED: 0 });
const zeroOutcomes = (): Record<MatchingOutcome | 'NO_DECISION', number> => ({ AUTO: 0, SUGGEST: 0, NONE: 0, NO_DECISION: 0 });

function summary(d: MatchingDecision, verdict: Verdict): DecisionSummary {
  return { outcome: d.outcome, reason: d.reason, flags: [...d.flags], allocations: d.allocations.map((a) => ({ orderNo: a.orderNo, amount: a.amount })), verdict };
}

function transition(stored: MatchingDecision | null, replay: MatchingDecision): string | null {
  if (!stored) return `(no decision) -> ${replay.outcome}`;
  if (stored.outcome !== replay.outcome) return `${stored.outcome} -> ${replay.outcome}`;
  if (stored.outcome === 'AUTO' && !sameAllocations(stored.allocations, replay.allocations)) return 'AUTO -> AUTO (other allocations)';
  if (stored.reason !== replay.reason) return `${stored.outcome} -> ${stored.outcome} (other reason)`;
  // Flags decide review (UNDERPAID, THIRD_PARTY_PAYER, ...) and bank charges: a change that matters.
  if ([...stored.flags].sort().join() !== [...replay.flags].sort().join()) return `${stored.outcome} -> ${stored.outcome} (other flags)`;
  return null;
}

/** Adds up replayed cases: outcomes and verdicts of the stored and replayed decisions, and what changed. */
export class ReplayTally {
  private remittances = 0;
  private readonly labels: Record<LabelKind, number> = { CONFIRMED: 0, REFUTED: 0, STANDING_AUTO: 0, PENDING: 0, NONE: 0 };
  private readonly stored = { outcomes: zeroOutcomes(), verdicts: zeroVerdicts() };
  private readonly replay = { outcomes: zeroOutcomes(), verdicts: zeroVerdicts() };
  private readonly transitions: Record<string, number> = {};
  private readonly changes: ReplayChange[] = [];

  add(c: ReplayCase): void {
    this.remittances += 1;
    this.labels[c.label.kind] += 1;
    const storedVerdict = verdictOf(c.stored, c.label);
    const replayVerdict = verdictOf(c.replay, c.label);
    this.stored.outcomes[c.stored?.outcome ?? 'NO_DECISION'] += 1;
    this.stored.verdicts[storedVerdict] += 1;
    this.replay.outcomes[c.replay.outcome] += 1;
    this.replay.verdicts[replayVerdict] += 1;
    const moved = transition(c.stored, c.replay);
    if (!moved) return;
    this.transitions[moved] = (this.transitions[moved] ?? 0) + 1;
    this.changes.push({
      remittanceId: c.remittanceId,
      receivedAt: c.receivedAt.toISOString(),
      decidedAt: c.decidedAt?.toISOString() ?? null,
      sellerId: c.sellerId,
      currency: c.currency,
      amount: c.amount,
      payerName: c.payerName,
      stored: c.stored ? summary(c.stored, storedVerdict) : null,
      replay: summary(c.replay, replayVerdict),
      label: c.label.kind,
      confirmed: c.label.kind === 'CONFIRMED' ? c.label.allocations : null,
    });
  }

  figures(): ReplayFigures {
    const figuresOf = (t: { outcomes: Record<MatchingOutcome | 'NO_DECISION', number>; verdicts: Record<Verdict, number> }): DecisionFigures => {
      const judged = t.verdicts.CORRECT + t.verdicts.WRONG;
      return {
        outcomes: { ...t.outcomes },
        verdicts: { ...t.verdicts },
        precision: judged === 0 ? null : t.verdicts.CORRECT / judged,
        recall: this.labels.CONFIRMED === 0 ? null : t.verdicts.CORRECT / this.labels.CONFIRMED,
      };
    };
    return {
      remittances: this.remittances,
      labels: { ...this.labels },
      stored: figuresOf(this.stored),
      replay: figuresOf(this.replay),
      transitions: Object.fromEntries(Object.entries(this.transitions).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
      changes: [...this.changes].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.remittanceId < b.remittanceId ? -1 : 1)),
    };
  }
}
