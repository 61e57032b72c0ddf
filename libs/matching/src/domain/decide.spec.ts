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

  it('reports SUBSET_LIMIT past 20 orders of one buyer', () => {
    const orders = Array.from({ length: 21 }, (_, i) => aSimpleOrder(`EO-2026-0001${String(i).padStart(2, '0')}`, `${100 + i}.00`, acme));
    const d = decide(aRemittance({ amount: '201.00' }), aContext({ orders }));
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.SUBSET_LIMIT', flags: ['SUBSET_LIMIT'] });
  });

  it('refuses to pick between two buyers named alike', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '800.00', { key: 'B-ACME2', name: 'ACME TRADING INC' })];
    const d = decide(aRemittance({ amount: '500.00', payer: { name: 'ACME TRADING', account: null, address: [], bic: null } }), aContext({ orders }));
    expect(d).toMatchObject({ outcome: 'SUGGEST', reason: 'MATCHING.AMBIGUOUS_PAYER' });
  });

  it('uses a known payer account and a known UETR', () => {
    const orders = [aSimpleOrder('EO-2026-000001', '500.00', acme), aSimpleOrder('EO-2026-000002', '500.00', nordic)];
    const payer = { name: 'NL GMBH', account: 'DE001122334455', address: [], bic: null };
    const byAccount = decide(aRemittance({ amount: '500.00', payer }), aContext({ orders, knownPayerAccounts: [{ buyerKey: 'B-NORDIC', account: 'DE00 1122 3344 55' }] }));
    expect(byAccount).toMatchObject({ outcome: 'AUTO', allocations: [{ orderNo: 'EO-2026-000002' }] });
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
});
