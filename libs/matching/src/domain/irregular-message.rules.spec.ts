import { decide, payerAccountKey } from '@ereceipt/matching';
import { aContext, aRemittance, aSimpleOrder } from './testing/builders';

const acme = { key: 'B-ACME', name: 'ACME TRADING LLC' };
const irregular = [{ code: 'MT103.E13', field: ':71F:', message: ':71A:OUR does not allow :71F: (rule E13)' }];

describe('irregular bank messages (issue 21)', () => {
  it('what would be an AUTO becomes a SUGGEST for review, the allocation kept as the alternative', () => {
    const clean = decide(aRemittance({ remittanceInfo: 'PAYMENT FOR ORDER\nEO-2026-000123' }), aContext());
    expect(clean.outcome).toBe('AUTO');
    const d = decide(aRemittance({ remittanceInfo: 'PAYMENT FOR ORDER\nEO-2026-000123', irregularities: irregular }), aContext());
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.IRREGULAR_MESSAGE', allocations: [], alternatives: [clean.allocations] });
    expect(d.candidates[0].orderNo).toBe('EO-2026-000123');
  });

  it('leaves a SUGGEST or NONE as it was (its own reason says more)', () => {
    const d = decide(aRemittance({ amount: '5.00', irregularities: irregular }), aContext());
    expect(d.outcome).not.toBe('AUTO');
    expect(d.reason).not.toBe('MATCHING.IRREGULAR_MESSAGE');
  });
});

describe('50F party identifier as the payer account', () => {
  const identifier = { code: 'CUST', country: 'KR', id: 'SEOULTRADE-00042' };

  it('is the key when there is no account, and the account wins when both are given', () => {
    expect(payerAccountKey({ name: null, account: null, address: [], bic: null, identifier })).toBe('CUST/KR/SEOULTRADE-00042');
    expect(payerAccountKey({ name: null, account: 'KR1234', address: [], bic: null, identifier })).toBe('KR1234');
    expect(payerAccountKey({ name: null, account: null, address: [], bic: null })).toBeNull();
  });

  it('identifies the buyer it was seen for, like an account', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '500.00', { key: 'B-OTHER', name: 'OTHER CO' })];
    const payer = { name: null, account: null, address: [], bic: null, identifier };
    const unknown = decide(aRemittance({ amount: '500.00', payer }), aContext({ orders }));
    expect(unknown.outcome).not.toBe('AUTO');
    const known = decide(aRemittance({ amount: '500.00', payer }), aContext({ orders, knownPayerAccounts: [{ buyerKey: 'B-ACME', account: 'CUST/KR/SEOULTRADE-00042' }] }));
    expect(known).toMatchObject({ outcome: 'AUTO', allocations: [{ orderNo: 'EO-2026-000001', amount: '500.00' }] });
  });
});
