import { decide } from '@ereceipt/matching';
import { aContext, anOrder, aRemittance, aSimpleOrder } from './testing/builders';

const acme = { key: 'B-ACME', name: 'ACME TRADING LLC' };
const nordic = { key: 'B-NORDIC', name: 'NORDIC LIGHTING GMBH' };

describe('decide', () => {
  it('AUTO on a quoted order number, payer = buyer, deposit amount', () => {
    const d = decide(aRemittance({ remittanceInfo: 'PAYMENT FOR ORDER\nEO-2026-000123' }), aContext());
    expect(d).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF', ruleVersion: 'test-rules/1', allocations: [{ orderNo: 'EO-2026-000123', amount: '1860.00' }] });
    expect(d.candidates[0].signals.map((s) => s.signal)).toEqual(['VIRTUAL_ACCOUNT', 'ORDER_REFERENCE', 'PAYMENT_ID', 'PAYER_ACCOUNT', 'PAYER_NAME', 'AMOUNT', 'VALUE_DATE']);
  });

  it('absorbs SHA charges within tolerance and says so', () => {
    const d = decide(
      aRemittance({ amount: '1845.00', chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '1860.00' }, references: ['EO-2026-000123'] }),
      aContext(),
    );
    expect(d).toMatchObject({ outcome: 'AUTO', bankCharges: '15.00', bankChargesOn: expect.any(String), flags: ['BANK_CHARGES'], allocations: [{ amount: '1845.00' }] });
  });

  it('keeps an overpayment as credit on the quoted order', () => {
    const d = decide(aRemittance({ amount: '6300.00', references: ['EO-2026-000123'] }), aContext());
    expect(d).toMatchObject({ outcome: 'AUTO', allocations: [{ orderNo: 'EO-2026-000123', amount: '6300.00' }], credit: { orderNo: 'EO-2026-000123', amount: '100.00' }, flags: ['OVERPAID'] });
  });

  it('never auto-associates a third-party payer', () => {
    const d = decide(aRemittance({ references: ['EO-2026-000123'], payer: { name: 'GLOBAL FREIGHT FINANCE', account: null, address: [], bic: null } }), aContext());
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.THIRD_PARTY_PAYER', flags: ['THIRD_PARTY_PAYER'] });
    expect(d.candidates[0].orderNo).toBe('EO-2026-000123');
  });

  it('AUTO by amount and payer when exactly one order of that buyer fits', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '500.00', nordic), aSimpleOrder('EO-2026-000003', '700.00', acme)];
    const d = decide(aRemittance({ amount: '500.00', payer: { name: 'Acme Trding', account: null, address: [], bic: null } }), aContext({ orders }));
    expect(d).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_AMOUNT_PAYER', allocations: [{ orderNo: 'EO-2026-000001', amount: '500.00' }] });
  });

  it('AUTO on the only combination of several orders; SUGGEST with alternatives when two fit', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '300.00', acme), aSimpleOrder('EO-2026-000002', '450.25', acme), aSimpleOrder('EO-2026-000003', '999.00', acme)];
    const one = decide(aRemittance({ amount: '750.25' }), aContext({ orders }));
    expect(one).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_SUBSET_SUM', allocations: [{ orderNo: 'EO-2026-000001', amount: '300.00' }, { orderNo: 'EO-2026-000002', amount: '450.25' }] });
    const twins = [...orders, aSimpleOrder('EO-2026-000004', '750.25', acme)];
    const two = decide(aRemittance({ amount: '750.25' }), aContext({ orders: twins }));
    expect(two).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_AMOUNT' });
    expect(two.alternatives).toHaveLength(2);
  });

  it('searches past 20 orders of one buyer exactly, and does not trust a fit that chance would often produce', () => {
    const orders = Array.from({ length: 21 }, (_, i) => aSimpleOrder(`EO-2026-0001${String(i).padStart(2, '0')}`, `${100 + i}.00`, acme));
    const d = decide(aRemittance({ amount: '201.00' }), aContext({ orders }));
    // 100.00 + 101.00 is the only pair, but among 21 small orders of one buyer a random amount fits some pair 1 time in ~90.
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.LIKELY_COINCIDENCE', alternatives: [[{ orderNo: 'EO-2026-000100', amount: '100.00' }, { orderNo: 'EO-2026-000101', amount: '101.00' }]] });
    expect(d.candidates.map((c) => c.orderNo).sort()).toEqual(['EO-2026-000100', 'EO-2026-000101']);
  });

  it('refuses to pick between two buyers named alike', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '800.00', { key: 'B-ACME2', name: 'ACME TRADING INC' })];
    const d = decide(aRemittance({ amount: '500.00', payer: { name: 'ACME TRADING', account: null, address: [], bic: null } }), aContext({ orders }));
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_PAYER' });
  });

  it('uses a known payer account and a known UETR', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '500.00', nordic)];
    const knownPayerAccounts = [{ buyerKey: 'B-NORDIC', account: 'DE00 1122 3344 55' }];
    for (const name of [null, 'TREASURY', 'Nordic Lighting']) {
      const byAccount = decide(aRemittance({ amount: '500.00', payer: { name, account: 'DE001122334455', address: [], bic: null } }), aContext({ orders, knownPayerAccounts }));
      expect(byAccount).toMatchObject({ outcome: 'AUTO', allocations: [{ orderNo: 'EO-2026-000002' }] });
    }
    const uetr = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';
    const byUetr = decide(aRemittance({ amount: '500.00', uetr }), aContext({ orders, knownPaymentIds: [{ orderNo: 'EO-2026-000001', uetr, endToEndId: null }] }));
    expect(byUetr).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_PAYMENT_ID' });
  });

  it('does not auto-associate money sent before the order existed, nor without a virtual account', () => {
    expect(decide(aRemittance({ valueDate: '2026-10-01', references: ['EO-2026-000123'] }), aContext()).reason).toBe('MATCHING.PAID_BEFORE_ORDER');
    expect(decide(aRemittance({ references: ['EO-2026-000123'] }), aContext({ seller: null }))).toMatchObject({ outcome: 'NONE', reason: 'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT' });
  });

  it('asks when the quoted order is underpaid but another order fits the amount', () => {
    const orders = [anOrder(), aSimpleOrder('EO-2026-000200', '1500.00', acme)];
    const d = decide(aRemittance({ amount: '1500.00', references: ['EO-2026-000123'] }), aContext({ orders }));
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.CONFLICTING_SIGNALS' });
  });

  it('reports a quoted order in another currency', () => {
    const d = decide(aRemittance({ currency: 'EUR', references: ['EO-2026-000123'] }), aContext());
    expect(d).toMatchObject({ outcome: 'NONE', reason: 'MATCHING.CURRENCY_MISMATCH' });
  });

  describe('contradictions block AUTO (issue 20)', () => {
    const third = { name: 'ZENITH PAYMENT SERVICES SA', account: 'DE001122334455', address: [], bic: null };
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '800.00', nordic)];
    const knownPayerAccounts = [{ buyerKey: 'B-NORDIC', account: 'DE001122334455' }];

    it('a known account with another company’s name: proposed as a third party, never credited', () => {
      const keyed = decide(aRemittance({ amount: '800.00', payer: third, references: ['EO-2026-000002'] }), aContext({ orders, knownPayerAccounts }));
      expect(keyed).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.PAYER_NAME_MISMATCH', flags: ['THIRD_PARTY_PAYER'] });
      expect(keyed.candidates[0].orderNo).toBe('EO-2026-000002');
      const byAmount = decide(aRemittance({ amount: '800.00', payer: third }), aContext({ orders, knownPayerAccounts }));
      expect(byAmount).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.PAYER_NAME_MISMATCH', flags: ['THIRD_PARTY_PAYER'] });
    });

    it('unless a person confirmed that name for the buyer on that account', () => {
      const confirmed = [{ ...knownPayerAccounts[0], confirmedNames: ['Zenith Payment Services S.A.'] }];
      const d = decide(aRemittance({ amount: '800.00', payer: third, references: ['EO-2026-000002'] }), aContext({ orders, knownPayerAccounts: confirmed }));
      expect(d).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF' });
      expect(d.candidates[0].signals.find((s) => s.signal === 'PAYER_NAME')?.detail).toContain('alias');
    });

    it('the buyer’s name from an account seen only for another buyer', () => {
      const d = decide(aRemittance({ amount: '500.00', references: ['EO-2026-000001'], payer: { ...third, name: 'ACME TRADING LLC' } }), aContext({ orders, knownPayerAccounts }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.PAYER_ACCOUNT_MISMATCH', flags: ['THIRD_PARTY_PAYER'] });
    });

    it('an order number that names no open order of the seller: never credited by amount', () => {
      const d = decide(aRemittance({ amount: '500.00', remittanceInfo: 'ORDER EO-2026-999999' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.UNKNOWN_ORDER_REFERENCE', allocations: [], alternatives: [[{ orderNo: 'EO-2026-000001', amount: '500.00' }]] });
      const withKnown = decide(aRemittance({ amount: '500.00', remittanceInfo: 'EO-2026-000001 EO-2026-999999' }), aContext({ orders }));
      expect(withKnown).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.UNKNOWN_ORDER_REFERENCE' });
    });

    it('two companies named alike but for their legal form are told apart by it, or not at all', () => {
      const ltd = { key: 'ACME TRADING (LTD)', name: 'ACME TRADING LTD' };
      const gmbh = { key: 'ACME TRADING (GMBH)', name: 'ACME TRADING GMBH' };
      const twins = [aSimpleOrder('EO-2026-000011', '500.00', ltd), aSimpleOrder('EO-2026-000457', '500.00', gmbh)];
      const payer = (name: string) => ({ name, account: null, address: [], bic: null });
      expect(decide(aRemittance({ amount: '500.00', payer: payer('ACME TRADING GMBH') }), aContext({ orders: twins }))).toMatchObject({ outcome: 'AUTO', allocations: [{ orderNo: 'EO-2026-000457' }] });
      expect(decide(aRemittance({ amount: '500.00', payer: payer('ACME TRADING') }), aContext({ orders: twins }))).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_PAYER' });
      // GmbH paying the Ltd's order by number: another company, a third party.
      expect(decide(aRemittance({ amount: '500.00', payer: payer('ACME TRADING GMBH'), references: ['EO-2026-000011'] }), aContext({ orders: twins }))).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.THIRD_PARTY_PAYER' });
    });
  });

  describe('typo-proof references (issue 20)', () => {
    const orders = [aSimpleOrder('EO-2026-000123', '500.00', acme), aSimpleOrder('EO-2026-000132', '800.00', nordic), aSimpleOrder('EO-2026-000456', '650.00', acme)];

    it('reads the creditor reference of the reminder (RF + check digits)', () => {
      const d = decide(aRemittance({ amount: '500.00', remittanceInfo: 'RF28 EO20 2600 0123' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_ORDER_REF', allocations: [{ orderNo: 'EO-2026-000123' }] });
    });

    it('a creditor reference whose check fails is a typo, suggested to the order it can have meant', () => {
      const d = decide(aRemittance({ amount: '500.00', remittanceInfo: 'RF28 EO20 2600 0132' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.REFERENCE_TYPO' });
      expect(d.candidates[0].orderNo).toBe('EO-2026-000123');
    });

    it('a transposed order number landing on another buyer’s order: the order that fits, not a third party', () => {
      const d = decide(aRemittance({ amount: '500.00', remittanceInfo: 'EO-2026-000132' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.REFERENCE_TYPO' });
      expect(d.candidates[0].orderNo).toBe('EO-2026-000123');
    });

    it('a transposed number landing on the same buyer’s other order that the amount does not fit', () => {
      const d = decide(aRemittance({ amount: '650.00', remittanceInfo: 'EO-2026-000123' }), aContext({ orders: [...orders, aSimpleOrder('EO-2026-000213', '650.00', acme)] }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.REFERENCE_TYPO' });
      expect(d.candidates[0].orderNo).toBe('EO-2026-000213');
    });

    it('a dropped digit is a typo, never a match by amount', () => {
      const d = decide(aRemittance({ amount: '500.00', remittanceInfo: 'EO-2026-00123' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.REFERENCE_TYPO' });
      expect(d.candidates[0].orderNo).toBe('EO-2026-000123');
    });
  });

  describe('coincidence-aware amount matching (issue 20)', () => {
    it('bank charges explain a shortfall on the amount alone only when the message shows them', () => {
      const orders = [aSimpleOrder('EO-2026-000001', '5000.00', acme)];
      const silent = decide(aRemittance({ amount: '4985.00', chargeBearer: 'SHA' }), aContext({ orders }));
      expect(silent).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.AMOUNT_MISMATCH' });
      expect(silent.candidates[0]).toMatchObject({ orderNo: 'EO-2026-000001', fit: 'CHARGES' });
      const shown = decide(aRemittance({ amount: '4985.00', chargeBearer: 'SHA', chargesDeducted: [{ currency: 'USD', amount: '15.00' }] }), aContext({ orders }));
      expect(shown).toMatchObject({ outcome: 'AUTO', reason: 'MATCHING.AUTO_AMOUNT_PAYER', bankCharges: '15.00' });
    });

    it('never an AUTO on the amount alone for more than three orders', () => {
      const orders = ['101.17', '230.51', '377.93', '459.09'].map((a, i) => aSimpleOrder(`EO-2026-00000${i + 1}`, a, acme));
      const d = decide(aRemittance({ amount: '1168.70' }), aContext({ orders }));
      expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.LIKELY_COINCIDENCE' });
      expect(d.alternatives[0]).toHaveLength(4);
    });
  });
});
