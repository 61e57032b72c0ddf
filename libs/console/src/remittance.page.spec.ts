import type { RemittanceViewDto } from '@ereceipt/remittances';
import { renderRemittance } from './remittance.page';

const view = (irregularities: RemittanceViewDto['irregularities']): RemittanceViewDto => ({
  id: '6b1f7a4e-2f1d-4c1e-9a7b-0c1d2e3f4a5b',
  status: 'PENDING_ASSOCIATION',
  receivedAt: '2026-12-07T10:00:00.000Z',
  duplicateOf: null,
  conflictsWith: null,
  identityNote: null,
  chargesExplained: null,
  sellerId: null,
  source: 'mt103',
  messageRef: 'REF-1',
  uetr: null,
  endToEndId: null,
  senderBic: null,
  valueDate: '2026-12-07',
  currency: 'USD',
  amount: '100.00',
  instructedAmount: null,
  chargeBearer: 'OUR',
  chargesDeducted: [],
  payer: { name: 'ACME', account: null, address: [], bic: null, identifier: null },
  beneficiary: { name: null, account: 'VA1' },
  remittanceInfo: null,
  references: [],
  relatedReference: null,
  possibleDuplicate: false,
  typedReferences: [],
  agents: { ordering: null, intermediary: null, accountWith: null },
  instructions: [],
  irregularities,
  provenance: { inboundMessageId: '1', channel: 'http', topic: null, partition: null, offset: null, fileName: null, index: 0, line: 1 },
  associations: [],
  decision: null,
});

describe('remittance page', () => {
  it('shows each irregularity of the bank message, escaped', () => {
    const page = renderRemittance(view([{ code: 'MT103.E13', field: ':71F:', message: ':71A:OUR does not allow <71F>' }]), { csrf: 'c', user: 'u' }, { done: null, error: null });
    expect(page).toContain('Irregular bank message');
    expect(page).toContain('MT103.E13');
    expect(page).toContain('does not allow &lt;71F&gt;');
  });

  it('shows no such section for a regular message', () => {
    expect(renderRemittance(view([]), { csrf: 'c', user: 'u' }, { done: null, error: null })).not.toContain('Irregular bank message');
  });
});
