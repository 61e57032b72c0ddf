import { fillMilestones, paymentStatusOf } from './order-payment.rules';

const milestones = [
  { kind: 'DEPOSIT', amount: '1860.00', paidAmount: '0.00' },
  { kind: 'BALANCE', amount: '4340.00', paidAmount: '0.00' },
];

describe('order payment rules', () => {
  it('settles the deposit first, then the balance; an excess is no milestone', () => {
    expect(fillMilestones(milestones, '0', 'USD').map((m) => m.paidAmount)).toEqual(['0.00', '0.00']);
    expect(fillMilestones(milestones, '1000', 'USD').map((m) => m.paidAmount)).toEqual(['1000.00', '0.00']);
    expect(fillMilestones(milestones, '1860.00', 'USD').map((m) => m.paidAmount)).toEqual(['1860.00', '0.00']);
    expect(fillMilestones(milestones, '2000.01', 'USD').map((m) => m.paidAmount)).toEqual(['1860.00', '140.01']);
    expect(fillMilestones(milestones, '9999.99', 'USD').map((m) => m.paidAmount)).toEqual(['1860.00', '4340.00']);
    expect(fillMilestones(milestones, '10', 'USD')[0]).toMatchObject({ kind: 'DEPOSIT' });
  });

  it('derives the payment status', () => {
    expect(paymentStatusOf(fillMilestones(milestones, '0', 'USD'), '0.00')).toBe('UNPAID');
    expect(paymentStatusOf(fillMilestones(milestones, '1860', 'USD'), '1845.00')).toBe('PARTLY_PAID');
    expect(paymentStatusOf(fillMilestones(milestones, '6200', 'USD'), '6185.00')).toBe('PAID');
  });
});
