import type { BuyerOrderViewDto } from './buyer-order-view.dto';
import { renderBuyerErrorPage, renderBuyerOrderPage } from './buyer-order.page';

const view = (overrides: Partial<BuyerOrderViewDto> = {}): BuyerOrderViewDto => ({
  orderNo: 'EO-2026-000123',
  sellerName: 'NINGBO <b>EXAMPLE</b> CO LTD',
  buyerName: 'ACME "TRADING" LLC',
  currency: 'USD',
  lines: [{ name: '<script>alert(1)</script>', sku: 'LP-60', quantity: 500, unit: 'PCS', unitPrice: '12.40', lineTotal: '6200.00' }],
  milestones: [
    { kind: 'DEPOSIT', amount: '1860.00', paidAmount: '1860.00', dueAmount: '0.00', dueDate: '2026-12-01', preShipment: true },
    { kind: 'BALANCE', amount: '4340.00', paidAmount: '0.00', dueAmount: '4340.00', dueDate: '2027-01-15', preShipment: false },
  ],
  total: '6200.00',
  paidAmount: '1860.00',
  outstandingAmount: '4340.00',
  incoterm: 'FOB',
  expectedShipDate: '2026-12-20',
  lifecycleStatus: 'SUBMITTED',
  paymentStatus: 'PARTLY_PAID',
  fulfilmentStatus: 'NOT_SHIPPED',
  payTo: { beneficiaryName: 'NINGBO EXAMPLE CO LTD', bankName: 'Example Bank', bic: 'EXCNCNSHXXX', accountNumber: 'VA880000000019', reference: 'EO-2026-000123', creditorReference: 'RF28 EO20 2600 0123' },
  confirmation: null,
  canConfirm: true,
  canConfirmReceipt: false,
  linkExpiresAt: '2026-12-27T10:00:00.000Z',
  ...overrides,
});
const options = { confirmAction: '/api/v1/buyer/orders/EO-2026-000123/payment-confirmation', receiptAction: '/api/v1/buyer/orders/EO-2026-000123/receipt-confirmation', token: 'abc.def' };

describe('renderBuyerOrderPage', () => {
  it('shows where to pay, what is still due and the reference, with no script anywhere', () => {
    const page = renderBuyerOrderPage(view(), options);
    expect(page).toContain('<dt>Account</dt><dd>VA880000000019</dd>');
    expect(page).toContain('<dt>Amount outstanding</dt><dd>USD 4340.00');
    expect(page).toMatch(/Balance<\/td><td class="nowrap">2027-01-15<\/td><td class="num opt">USD 4340.00<\/td><td class="num opt">USD 0.00<\/td><td class="num">USD 4340.00/);
    expect(page).toContain('<span class="ref">EO-2026-000123</span>');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('NINGBO &lt;b&gt;EXAMPLE&lt;/b&gt; CO LTD');
  });

  it('offers the confirmation as a plain form carrying the token while the order awaits it', () => {
    const page = renderBuyerOrderPage(view(), options);
    expect(page).toContain(`<form method="post" action="${options.confirmAction}"><input type="hidden" name="t" value="abc.def">`);
  });

  it('after confirming: a thank-you, the time, and no form', () => {
    const page = renderBuyerOrderPage(view({ lifecycleStatus: 'CONFIRMED', canConfirm: false, confirmation: { confirmedAt: '2026-11-27T09:30:00.000Z' } }), { ...options, justConfirmed: true });
    expect(page).not.toContain('<form');
    expect(page).toContain('You confirmed on 2026-11-27 09:30 UTC');
    expect(page).toContain('role="status"><strong>Thank you.</strong>');
  });

  it('once everything shipped, offers "I received the goods" to the receipt endpoint; thanks after it', () => {
    const page = renderBuyerOrderPage(view({ lifecycleStatus: 'CONFIRMED', canConfirm: false, fulfilmentStatus: 'SHIPPED', canConfirmReceipt: true }), options);
    expect(page).toContain(`<form method="post" action="${options.receiptAction}"><input type="hidden" name="t" value="abc.def"><button type="submit">I received the goods</button>`);
    const after = renderBuyerOrderPage(view({ lifecycleStatus: 'COMPLETED', canConfirm: false, fulfilmentStatus: 'DELIVERED' }), { ...options, justReceived: true });
    expect(after).toContain('You confirmed that the goods of order EO-2026-000123 arrived.');
    expect(after).not.toContain('<form');
  });

  it('a cancelled order says not to pay', () => {
    const page = renderBuyerOrderPage(view({ lifecycleStatus: 'CANCELLED', canConfirm: false }), options);
    expect(page).toContain('Please do not pay for it.');
    expect(page).not.toContain('<form');
  });
});

describe('renderBuyerErrorPage', () => {
  it('says what went wrong and what to do, escaped', () => {
    const page = renderBuyerErrorPage(401, 'the link has expired; ask the seller for a new one <now>');
    expect(page).toContain('<h1>This link does not work</h1>');
    expect(page).toContain('ask the seller for a new one &lt;now&gt;.');
    expect(page).toContain('Open the latest payment reminder e-mail');
  });
});
