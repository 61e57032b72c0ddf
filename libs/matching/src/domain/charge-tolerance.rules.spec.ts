import { aRemittance } from './testing/builders';
import { fitTarget, paymentAmounts, toleranceMinor } from './charge-tolerance.rules';
import { DEFAULT_CHARGE_TOLERANCE } from './matching-context';

describe('charge tolerance', () => {
  it('is the lower of 1 % and 50 units', () => {
    expect(toleranceMinor(100000n, DEFAULT_CHARGE_TOLERANCE, 'USD')).toBe(1000n); // 1 % of 1000.00 = 10.00
    expect(toleranceMinor(1000000n, DEFAULT_CHARGE_TOLERANCE, 'USD')).toBe(5000n); // 50.00 cap
    expect(toleranceMinor(1000000n, DEFAULT_CHARGE_TOLERANCE, 'JPY')).toBe(50n);
    expect(toleranceMinor(12345n, { percent: '2', absolute: '100' }, 'USD')).toBe(246n);
  });

  it('derives the gross from 33B, else from 32A plus 71F charges', () => {
    const viaInstructed = paymentAmounts(aRemittance({ amount: '9985.00', instructedAmount: { currency: 'USD', amount: '10000.00' } }), null);
    expect(viaInstructed).toMatchObject({ net: 998500n, gross: 1000000n });
    const viaCharges = paymentAmounts(aRemittance({ amount: '9985.00', chargesDeducted: [{ currency: 'USD', amount: '15.00' }] }), null);
    expect(viaCharges.gross).toBe(1000000n);
    const otherCurrency = paymentAmounts(aRemittance({ amount: '9985.00', instructedAmount: { currency: 'EUR', amount: '9000.00' } }), null);
    expect(otherCurrency.gross).toBeNull();
  });

  it('accepts SHA and BEN shortfalls within tolerance when the payer sent the amount due', () => {
    const sha = paymentAmounts(aRemittance({ amount: '9985.00', chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '10000.00' } }), null);
    expect(fitTarget(1000000n, sha)).toBe('CHARGES');
    const ben = paymentAmounts(aRemittance({ amount: '9985.00', chargeBearer: 'BEN' }), null);
    expect(fitTarget(1000000n, ben)).toBe('CHARGES');
  });

  it('refuses OUR shortfalls, shortfalls beyond tolerance and payers who sent less', () => {
    const our = paymentAmounts(aRemittance({ amount: '9985.00', chargeBearer: 'OUR' }), null);
    expect(fitTarget(1000000n, our)).toBeNull();
    const beyond = paymentAmounts(aRemittance({ amount: '9900.00', chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '10000.00' } }), null);
    expect(fitTarget(1000000n, beyond)).toBeNull();
    const sentLess = paymentAmounts(aRemittance({ amount: '9990.00', chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '9990.00' } }), null);
    expect(fitTarget(1000000n, sentLess)).toBeNull();
    expect(fitTarget(999000n, sentLess)).toBe('EXACT');
  });

  it('takes the gross as the intent: a credited amount equal to another target is no fit', () => {
    const p = paymentAmounts(aRemittance({ amount: '990.00', chargeBearer: 'SHA', instructedAmount: { currency: 'USD', amount: '1000.00' } }), null);
    expect(fitTarget(99000n, p)).toBeNull();
    expect(fitTarget(100000n, p)).toBe('CHARGES');
  });
});
