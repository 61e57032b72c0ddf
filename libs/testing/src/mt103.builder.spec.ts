import { parseFin } from '@connectors/swift-mt';
import { buildMt103 } from '@ereceipt/testing';

describe('buildMt103 (test data builder)', () => {
  it('builds messages the real parser accepts', () => {
    const out = parseFin(buildMt103({ ref: 'REF-1', amount: '9985,00', instructed: '10000,00', charges: ['15,00'] }));
    expect(out.issues).toEqual([]);
    expect(out.remittances[0].remittance).toMatchObject({ messageRef: 'REF-1', amount: '9985.00', chargesDeducted: [{ currency: 'USD', amount: '15.00' }] });
  });
});
