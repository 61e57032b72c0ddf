import type { MatchingDecision } from '../domain';
import type { AssociationRecord, AuditEvent } from './replay-history';
import { labelOf, type PeopleLabel, ReplayTally, sameAllocations, verdictOf } from './replay-scoring.rules';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));
const ev = (action: AuditEvent['action'], actor: string, minute: number, status: AuditEvent['status'] = null): AuditEvent => ({ action, actor, at: at(minute), status });

function association(events: AuditEvent[], allocations: Array<[string, string]>): AssociationRecord {
  return {
    id: `a-${events.map((e) => e.action).join('-')}`, remittanceId: 'r1', sellerId: 's1', method: events[0].action === 'MANUAL_ASSOCIATE' ? 'MANUAL' : 'AUTO', status: 'APPROVED',
    createdAt: events[0].at, uetr: null, endToEndId: null, payerAccount: null, payerName: null,
    allocations: allocations.map(([orderNo, amount]) => ({ orderNo, amount, settled: amount })), events,
  };
}

const auto = (allocations: Array<[string, string]>): Pick<MatchingDecision, 'outcome' | 'allocations'> => ({ outcome: 'AUTO', allocations: allocations.map(([orderNo, amount]) => ({ orderNo, amount })) });
const suggest: Pick<MatchingDecision, 'outcome' | 'allocations'> = { outcome: 'SUGGEST', allocations: [] };

describe('replay: what people decided, and how a decision fares against it', () => {
  it('labels a remittance from the trail of its associations', () => {
    expect(labelOf([])).toEqual({ kind: 'NONE' });
    expect(labelOf([association([ev('AUTO_ASSOCIATE', 'system', 1)], [['EO-1', '10.00']])])).toEqual({ kind: 'STANDING_AUTO', allocations: [{ orderNo: 'EO-1', amount: '10.00' }] });
    expect(labelOf([association([ev('PROPOSE', 'system', 1)], [['EO-1', '10.00']])])).toEqual({ kind: 'PENDING' });
    // Finance approving what the engine proposed is a human decision.
    expect(labelOf([association([ev('PROPOSE', 'system', 1), ev('APPROVE', 'token:fin', 2)], [['EO-1', '10.00']])]).kind).toBe('CONFIRMED');
    // A seller's manual association waiting for finance is not confirmed yet.
    expect(labelOf([association([ev('MANUAL_ASSOCIATE', 'token:seller', 1, 'PROPOSED')], [['EO-1', '10.00']])]).kind).toBe('PENDING');
    const unbound = association([ev('AUTO_ASSOCIATE', 'system', 1), ev('UNBIND', 'token:fin', 2)], [['EO-1', '10.00']]);
    expect(labelOf([unbound])).toEqual({ kind: 'REFUTED', refuted: [[{ orderNo: 'EO-1', amount: '10.00' }]] });
    const rebound = association([ev('MANUAL_ASSOCIATE', 'token:fin', 3, 'APPROVED')], [['EO-2', '6.00'], ['EO-3', '4.00']]);
    expect(labelOf([unbound, rebound])).toEqual({ kind: 'CONFIRMED', allocations: [{ orderNo: 'EO-2', amount: '6.00' }, { orderNo: 'EO-3', amount: '4.00' }] });
  });

  it('compares allocations exactly as decimals, parts on one order adding up, in any order', () => {
    expect(sameAllocations([{ orderNo: 'A', amount: '10' }], [{ orderNo: 'A', amount: '10.00' }])).toBe(true);
    expect(sameAllocations([{ orderNo: 'A', amount: '4.00' }, { orderNo: 'A', amount: '6.00' }], [{ orderNo: 'A', amount: '10.00' }])).toBe(true);
    expect(sameAllocations([{ orderNo: 'A', amount: '6.00' }, { orderNo: 'B', amount: '4.00' }], [{ orderNo: 'B', amount: '4.00' }, { orderNo: 'A', amount: '6.00' }])).toBe(true);
    expect(sameAllocations([{ orderNo: 'A', amount: '10.00' }], [{ orderNo: 'A', amount: '10.01' }])).toBe(false);
    expect(sameAllocations([{ orderNo: 'A', amount: '10.00' }], [{ orderNo: 'B', amount: '10.00' }])).toBe(false);
    expect(sameAllocations([{ orderNo: 'A', amount: '10.00' }], [{ orderNo: 'A', amount: '10.00' }, { orderNo: 'B', amount: '0.01' }])).toBe(false);
  });

  it('grades AUTO against confirmed and refuted labels, and counts what it missed', () => {
    const confirmed: PeopleLabel = { kind: 'CONFIRMED', allocations: [{ orderNo: 'A', amount: '10.00' }] };
    const refuted: PeopleLabel = { kind: 'REFUTED', refuted: [[{ orderNo: 'A', amount: '10.00' }]] };
    expect(verdictOf(auto([['A', '10.00']]), confirmed)).toBe('CORRECT');
    expect(verdictOf(auto([['B', '10.00']]), confirmed)).toBe('WRONG');
    expect(verdictOf(suggest, confirmed)).toBe('MISSED');
    expect(verdictOf(null, confirmed)).toBe('MISSED');
    expect(verdictOf(auto([['A', '10.00']]), refuted)).toBe('WRONG');
    expect(verdictOf(auto([['B', '10.00']]), refuted)).toBe('UNVERIFIABLE');
    expect(verdictOf(suggest, refuted)).toBe('UNLABELLED');
    expect(verdictOf(auto([['A', '10.00']]), { kind: 'STANDING_AUTO', allocations: [{ orderNo: 'A', amount: '10.00' }] })).toBe('AGREES');
    expect(verdictOf(suggest, { kind: 'STANDING_AUTO', allocations: [{ orderNo: 'A', amount: '10.00' }] })).toBe('DIFFERS');
  });

  it('adds up precision, recall and the changes between the stored and the replayed decisions', () => {
    const tally = new ReplayTally();
    const decision = (outcome: MatchingDecision['outcome'], reason: string, allocations: Array<[string, string]> = []) =>
      ({ outcome, reason, flags: [], ruleVersion: 'r', allocations: allocations.map(([orderNo, amount]) => ({ orderNo, amount })), candidates: [] }) as unknown as MatchingDecision;
    const base = { receivedAt: at(0), decidedAt: at(0), sellerId: 's1', currency: 'USD', amount: '10.00', payerName: 'P' };
    const confirmedA: PeopleLabel = { kind: 'CONFIRMED', allocations: [{ orderNo: 'A', amount: '10.00' }] };
    // Correct before and after; wrong before, missed after; missed before, correct after; unchanged suggestion with another reason.
    tally.add({ ...base, remittanceId: 'r1', stored: decision('AUTO', 'X', [['A', '10.00']]), replay: decision('AUTO', 'X', [['A', '10.00']]), label: confirmedA });
    tally.add({ ...base, remittanceId: 'r2', stored: decision('AUTO', 'X', [['B', '10.00']]), replay: decision('SUGGEST', 'Y'), label: confirmedA });
    tally.add({ ...base, remittanceId: 'r3', stored: decision('SUGGEST', 'Y'), replay: decision('AUTO', 'X', [['A', '10.00']]), label: confirmedA });
    tally.add({ ...base, remittanceId: 'r4', stored: decision('SUGGEST', 'Y'), replay: decision('SUGGEST', 'Z'), label: { kind: 'NONE' } });
    tally.add({ ...base, remittanceId: 'r5', stored: null, replay: decision('NONE', 'N'), label: { kind: 'NONE' } });
    const f = tally.figures();
    expect(f.stored).toMatchObject({ precision: 0.5, recall: 1 / 3, outcomes: { AUTO: 2, SUGGEST: 2, NONE: 0, NO_DECISION: 1 } });
    expect(f.replay).toMatchObject({ precision: 1, recall: 2 / 3, outcomes: { AUTO: 2, SUGGEST: 2, NONE: 1, NO_DECISION: 0 } });
    expect(f.transitions).toEqual({ '(no decision) -> NONE': 1, 'AUTO -> SUGGEST': 1, 'SUGGEST -> AUTO': 1, 'SUGGEST -> SUGGEST (other reason)': 1 });
    expect(f.changes.map((c) => c.remittanceId)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(f.changes[0]).toMatchObject({ stored: { verdict: 'WRONG' }, replay: { verdict: 'MISSED' }, confirmed: [{ orderNo: 'A', amount: '10.00' }] });
  });
});
