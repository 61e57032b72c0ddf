import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { CandidateOrder, MatchingContext } from '@ereceipt/matching';

/** Test data builders: sensible defaults, override what the test is about. */
export function aRemittance(overrides: Partial<CanonicalRemittance> = {}): CanonicalRemittance {
  return {
    source: 'mt103',
    messageRef: 'PAYREF-0001',
    uetr: null,
    endToEndId: null,
    senderBic: null,
    valueDate: '2026-11-20',
    currency: 'USD',
    amount: '1860.00',
    instructedAmount: null,
    chargeBearer: null,
    chargesDeducted: [],
    payer: { name: 'ACME TRADING LLC', account: null, address: [], bic: null },
    beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: 'VA88000012345' },
    remittanceInfo: null,
    references: [],
    relatedReference: null,
    possibleDuplicate: false,
    ...overrides,
  };
}

export function anOrder(overrides: Partial<CandidateOrder> = {}): CandidateOrder {
  return {
    orderNo: 'EO-2026-000123',
    sellerId: 'S1',
    buyer: { key: 'B-ACME', name: 'ACME TRADING LLC' },
    currency: 'USD',
    milestones: [
      { kind: 'DEPOSIT', amount: '1860.00', paidAmount: '0.00', dueDate: '2026-12-01', preShipment: true },
      { kind: 'BALANCE', amount: '4340.00', paidAmount: '0.00', dueDate: '2027-01-15', preShipment: false },
    ],
    createdDate: '2026-11-01',
    expectedShipDate: '2026-12-20',
    ...overrides,
  };
}

/** A single-milestone order for `amount`. */
export function aSimpleOrder(orderNo: string, amount: string, buyer: CandidateOrder['buyer'], currency = 'USD'): CandidateOrder {
  return anOrder({
    orderNo,
    buyer,
    currency,
    milestones: [{ kind: 'BALANCE', amount, paidAmount: amount.replace(/\d/g, '0'), dueDate: '2026-12-31', preShipment: false }],
  });
}

export function aContext(overrides: Partial<MatchingContext> = {}): MatchingContext {
  return {
    ruleVersion: 'test-rules/1',
    seller: { sellerId: 'S1' },
    orders: [anOrder()],
    knownPaymentIds: [],
    knownPayerAccounts: [],
    chargeTolerance: null,
    names: null,
    ...overrides,
  };
}
