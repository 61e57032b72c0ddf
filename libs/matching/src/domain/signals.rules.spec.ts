import { aContext, anOrder, aRemittance } from './testing/builders';
import { identifyBuyerByAccount, normaliseAccount } from './payer-account.rules';
import { ordersByPaymentId } from './payment-id.rules';
import { valueDateSignal } from './value-date.rules';
import { sellerOrders } from './virtual-account.rules';

describe('virtual account -> seller', () => {
  it('keeps only the seller’s orders with something due, and nothing without a seller', () => {
    const paid = anOrder({ orderNo: 'EO-2026-000999', milestones: [{ kind: 'BALANCE', amount: '10.00', paidAmount: '10.00', dueDate: '2026-12-01', preShipment: false }] });
    const other = anOrder({ orderNo: 'EO-2026-000777', sellerId: 'S2' });
    expect(sellerOrders(aContext({ orders: [paid, other, anOrder()] }))!.map((o) => o.orderNo)).toEqual(['EO-2026-000123']);
    expect(sellerOrders(aContext({ seller: null }))).toBeNull();
  });
});

describe('known payment ids', () => {
  const known = [
    { orderNo: 'EO-2026-000123', uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d', endToEndId: null },
    { orderNo: 'EO-2026-000456', uetr: null, endToEndId: 'ACME-PO-77' },
    { orderNo: 'EO-2026-000789', uetr: null, endToEndId: 'NOTPROVIDED' },
  ];
  it('matches a UETR (any case) or an EndToEndId, never the NOTPROVIDED placeholder', () => {
    expect(ordersByPaymentId({ uetr: 'EB6305C9-1F7F-49DE-AED0-16487C27B42D', endToEndId: null }, known)).toEqual(['EO-2026-000123']);
    expect(ordersByPaymentId({ uetr: null, endToEndId: 'acme-po-77' }, known)).toEqual(['EO-2026-000456']);
    expect(ordersByPaymentId({ uetr: null, endToEndId: 'NOTPROVIDED' }, known)).toEqual([]);
  });
});

describe('payer account seen before', () => {
  const known = [
    { buyerKey: 'A', account: 'US12 3456 78' },
    { buyerKey: 'B', account: 'DE89370400440532013000' },
    { buyerKey: 'C', account: 'DE89370400440532013000' },
  ];
  it('identifies one buyer, ignoring formatting; two buyers on one account identify nobody', () => {
    expect(normaliseAccount('/US12-345678')).toBe('US12345678');
    expect(identifyBuyerByAccount('/US12345678', known, new Set(['A', 'B', 'C']))).toBe('A');
    expect(identifyBuyerByAccount('DE89370400440532013000', known, new Set(['A', 'B', 'C']))).toBeNull();
    expect(identifyBuyerByAccount('DE89370400440532013000', known, new Set(['A', 'B']))).toBe('B');
    expect(identifyBuyerByAccount(null, known, new Set(['A']))).toBeNull();
  });
});

describe('value date against the order dates', () => {
  it('finds money sent before the order existed suspicious', () => {
    expect(valueDateSignal('2026-10-31', anOrder())).toMatchObject({ paidBeforeOrder: true, score: -30 });
    expect(valueDateSignal('2026-11-01', anOrder())).toMatchObject({ paidBeforeOrder: false, score: 5 });
    expect(valueDateSignal('2027-01-01', anOrder()).detail).toContain('after expected ship date');
  });
});

describe('builders', () => {
  it('default remittance is USD', () => expect(aRemittance().currency).toBe('USD'));
});
