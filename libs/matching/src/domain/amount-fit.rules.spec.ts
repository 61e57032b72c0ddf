import { aRemittance, anOrder } from './testing/builders';
import { fitOrder, prefixTargets } from './amount-fit.rules';
import { paymentAmounts } from './charge-tolerance.rules';

const pay = (amount: string, extra = {}) => paymentAmounts(aRemittance({ amount, ...extra }), null);

describe('amount fit against open milestones', () => {
  it('settles milestones deposit first', () => {
    const order = anOrder();
    expect(prefixTargets(order)).toEqual([186000n, 620000n]);
    expect(fitOrder(order, pay('1860.00'))).toMatchObject({ kind: 'EXACT', milestones: 1 });
    expect(fitOrder(order, pay('6200.00'))).toMatchObject({ kind: 'EXACT', milestones: 2 });
    expect(fitOrder(order, pay('4340.00')).kind).toBe('PARTIAL'); // balance while the deposit is open
  });

  it('skips paid milestones and counts partly paid ones by what is left', () => {
    const order = anOrder({
      milestones: [
        { kind: 'DEPOSIT', amount: '1860.00', paidAmount: '1860.00', dueDate: '2026-12-01', preShipment: true },
        { kind: 'BALANCE', amount: '4340.00', paidAmount: '340.00', dueDate: '2027-01-15', preShipment: false },
      ],
    });
    expect(prefixTargets(order)).toEqual([400000n]);
    expect(fitOrder(order, pay('4000.00')).kind).toBe('EXACT');
  });

  it('recognises bank charges, overpayment and charges beyond tolerance', () => {
    const order = anOrder();
    expect(fitOrder(order, pay('1850.00', { chargeBearer: 'SHA' })).kind).toBe('CHARGES');
    expect(fitOrder(order, pay('7000.00')).kind).toBe('OVERPAID');
    const beyond = fitOrder(order, pay('1800.00', { chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '1860.00' } }));
    expect(beyond).toMatchObject({ kind: 'PARTIAL', chargesExceeded: true });
  });
});
