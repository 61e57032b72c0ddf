import { returnFee } from './return-fee.rules';
import { checkOpenRefund, checkRefundDecision } from './refund.rules';

describe('refund portal rules (docs/domain.md §6)', () => {
  it('opens up to what is paid and not withdrawn nor refunded; one open at a time; positive', () => {
    expect(checkOpenRefund(30_000n, 100_000n, false)).toEqual({ ok: true });
    expect(checkOpenRefund(100_000n, 100_000n, false)).toEqual({ ok: true });
    expect(checkOpenRefund(100_001n, 100_000n, false)).toMatchObject({ ok: false, code: 'FUNDS.REFUND_EXCEEDS_REFUNDABLE' });
    expect(checkOpenRefund(1n, 100_000n, true)).toMatchObject({ ok: false, code: 'FUNDS.REFUND_ALREADY_OPEN' });
    expect(checkOpenRefund(0n, 100_000n, false)).toMatchObject({ ok: false, code: 'FUNDS.INVALID' });
  });
  it('the other side decides, only while OPEN', () => {
    expect(checkRefundDecision('OPEN', 'BUYER', 'SELLER')).toEqual({ ok: true });
    expect(checkRefundDecision('OPEN', 'SELLER', 'BUYER')).toEqual({ ok: true });
    expect(checkRefundDecision('OPEN', 'BUYER', 'BUYER')).toMatchObject({ ok: false, code: 'FUNDS.REFUND_OWN_REQUEST' });
    expect(checkRefundDecision('ACCEPTED', 'BUYER', 'SELLER')).toMatchObject({ ok: false, code: 'FUNDS.REFUND_NOT_OPEN' });
    expect(checkRefundDecision('REJECTED', 'SELLER', 'BUYER')).toMatchObject({ ok: false, code: 'FUNDS.REFUND_NOT_OPEN' });
  });
});

describe('return fee of an unassociable remittance', () => {
  it('the configured fee of the currency (RETURN_FEES), nothing for an unlisted currency', () => {
    const fees = { USD: '25.00', JPY: '3500' };
    expect(returnFee('USD', fees)).toBe('25.00');
    expect(returnFee('JPY', fees)).toBe('3500');
    expect(returnFee('KWD', fees)).toBe('0');
  });
});
