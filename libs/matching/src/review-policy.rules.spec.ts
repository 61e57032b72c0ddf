import type { MatchCandidate, MatchingDecision } from './domain';
import { planFor } from './review-policy.rules';

const base: MatchingDecision = { outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF', flags: [], ruleVersion: 'r', allocations: [{ orderNo: 'EO-2026-000001', amount: '985.00' }], credit: null, bankCharges: null, bankChargesOn: null, candidates: [], alternatives: [] };
const remittance = { amount: '985.00', currency: 'USD' };
const candidate = (orderNo: string, keyed: boolean, fit: MatchCandidate['fit'] = 'EXACT', amount = '985.00'): MatchCandidate => ({
  orderNo,
  amount,
  score: 50,
  fit,
  signals: [{ signal: 'ORDER_REFERENCE', score: keyed ? 40 : 0, detail: '' }],
});

describe('review policy', () => {
  it('AUTO is credited at once unless flagged or the policy is ALWAYS; bank charges stay on their order', () => {
    expect(planFor({ ...base, flags: ['BANK_CHARGES'], bankCharges: '15.00', bankChargesOn: 'EO-2026-000001' }, remittance, 'ONLY_FLAGGED')).toEqual({
      kind: 'ASSOCIATE',
      status: 'APPROVED',
      remittanceStatus: 'ASSOCIATED',
      allocations: [{ orderNo: 'EO-2026-000001', amount: '985.00', bankCharges: '15.00' }],
    });
    expect(planFor(base, remittance, 'ALWAYS')).toMatchObject({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' });
    for (const flag of ['UNDERPAID', 'OVERPAID', 'CHARGES_EXCEED_TOLERANCE'] as const) {
      expect(planFor({ ...base, flags: [flag] }, remittance, 'ONLY_FLAGGED')).toMatchObject({ status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW' });
    }
  });

  it('a third-party payment keyed to one order that fits exactly is proposed; anything else waits in the queue', () => {
    const third: MatchingDecision = { ...base, outcome: 'SUGGEST', reason: 'MATCHING.THIRD_PARTY_PAYER', flags: ['THIRD_PARTY_PAYER'], allocations: [] };
    expect(planFor({ ...third, candidates: [candidate('EO-2026-000001', true), candidate('EO-2026-000002', false)] }, remittance, 'ONLY_FLAGGED')).toEqual({
      kind: 'ASSOCIATE',
      status: 'PROPOSED',
      remittanceStatus: 'UNDER_REVIEW',
      allocations: [{ orderNo: 'EO-2026-000001', amount: '985.00', bankCharges: null }],
    });
    expect(planFor({ ...third, candidates: [candidate('EO-2026-000001', true, 'PARTIAL', '985.00')] }, remittance, 'ONLY_FLAGGED')).toEqual({ kind: 'SUGGEST', remittanceStatus: 'PENDING_ASSOCIATION' });
    expect(planFor({ ...third, candidates: [candidate('EO-2026-000001', false)] }, remittance, 'ONLY_FLAGGED')).toEqual({ kind: 'SUGGEST', remittanceStatus: 'PENDING_ASSOCIATION' });
    expect(planFor({ ...third, candidates: [candidate('EO-2026-000001', true), candidate('EO-2026-000002', true)] }, remittance, 'ONLY_FLAGGED')).toMatchObject({ kind: 'SUGGEST' });
    expect(planFor({ ...base, outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_AMOUNT', allocations: [] }, remittance, 'ONLY_FLAGGED')).toMatchObject({ kind: 'SUGGEST' });
    expect(planFor({ ...base, outcome: 'NONE', reason: 'MATCHING.NO_CANDIDATE', allocations: [] }, remittance, 'ALWAYS')).toEqual({ kind: 'UNMATCHED', remittanceStatus: 'PENDING_ASSOCIATION' });
  });
});
