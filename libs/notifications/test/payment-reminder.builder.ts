import type { PaymentReminderInput } from '../src/payment-reminder.mail';

/** A realistic payment reminder (two lines, deposit and balance); override the order's fields. */
export const reminderInput = (overrides: Partial<PaymentReminderInput['order']> = {}): PaymentReminderInput => ({
  order: {
    orderNo: 'EO-2026-000123',
    buyerName: 'Acme Trading GmbH',
    currency: 'USD',
    lines: [
      { name: 'Ceramic mug', sku: 'MUG-01', quantity: '1000', unit: 'pcs', unitPrice: '2.50', amount: '2500.00' },
      { name: 'Gift box', quantity: '100', unit: 'pcs', unitPrice: '1.05', amount: '105.00' },
    ],
    total: '2605.00',
    milestones: [
      { kind: 'DEPOSIT', amount: '781.50', dueDate: '2026-03-10' },
      { kind: 'BALANCE', amount: '1823.50', dueDate: '2026-04-10' },
    ],
    ...overrides,
  },
  seller: { legalName: 'Yiwu Ceramics Co., Ltd.' },
  collectionAccount: { beneficiaryName: 'E-Receipt Collection Ltd', bankName: 'Bank of Example', bic: 'EXMPCNSHXXX', accountNumber: '6222 0000 1111 2222' },
  reference: 'EO-2026-000123',
  creditorReference: 'RF28 EO20 2600 0123',
  link: 'https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=abc.def&x=1',
  expiresAt: new Date('2026-03-31T00:00:00Z'),
});
