import { checkWithdrawal, goodsCap, payoutShare, type WithdrawalFacts } from './withdrawal.rules';

const ok: WithdrawalFacts = { paymentInfoConfirmed: true, credited: 186_000n, openRefund: false, creditingHeld: false, inFlight: false, withdrawnSoFar: 0n, preShipment: 186_000n, declaredGoods: 0n };

describe('withdrawal rules (docs/domain.md §3)', () => {
  it('all three hold: everything credited, up to the goods cap', () => {
    expect(checkWithdrawal(ok)).toEqual({ ok: true, amount: 186_000n, cap: 195_300n });
  });
  it('rule 1: the buyer must have confirmed the payment information', () => {
    expect(checkWithdrawal({ ...ok, paymentInfoConfirmed: false })).toMatchObject({ ok: false, rule: 'PAYMENT_INFO_CONFIRMED' });
  });
  it('rule 2: funds credited: nothing credited, an open refund, crediting held, more than credited', () => {
    expect(checkWithdrawal({ ...ok, credited: 0n })).toMatchObject({ ok: false, rule: 'FUNDS_CREDITED' });
    expect(checkWithdrawal({ ...ok, openRefund: true })).toMatchObject({ ok: false, rule: 'FUNDS_CREDITED' });
    expect(checkWithdrawal({ ...ok, creditingHeld: true })).toMatchObject({ ok: false, rule: 'FUNDS_CREDITED' });
    expect(checkWithdrawal({ ...ok, requested: 186_001n })).toMatchObject({ ok: false, rule: 'FUNDS_CREDITED' });
  });
  it('rule 3: withdrawn <= max(pre-shipment, declared) x 1.05, cumulative', () => {
    // 10,000.00 credited, deposit 1,860.00 pre-shipment, nothing declared: at most 1,953.00.
    expect(checkWithdrawal({ ...ok, credited: 1_000_000n })).toEqual({ ok: true, amount: 195_300n, cap: 195_300n });
    expect(checkWithdrawal({ ...ok, credited: 1_000_000n, requested: 195_301n })).toMatchObject({ ok: false, rule: 'FUNDS_GOODS_CONSISTENT' });
    expect(checkWithdrawal({ ...ok, credited: 1_000_000n, withdrawnSoFar: 195_300n })).toMatchObject({ ok: false, rule: 'FUNDS_GOODS_CONSISTENT' });
    // Declared goods above the milestones raise the cap.
    expect(checkWithdrawal({ ...ok, credited: 1_000_000n, declaredGoods: 620_000n, withdrawnSoFar: 186_000n })).toEqual({ ok: true, amount: 465_000n, cap: 651_000n });
  });
  it('no credit-limit check: a large credited amount within the goods cap goes through whole', () => {
    expect(checkWithdrawal({ ...ok, credited: 10_000_000_000n, preShipment: 10_000_000_000n })).toMatchObject({ ok: true, amount: 10_000_000_000n });
  });
  it('a withdrawal in flight blocks another one; a non-positive amount is invalid', () => {
    expect(checkWithdrawal({ ...ok, inFlight: true })).toMatchObject({ ok: false, rule: 'IN_PROGRESS' });
    expect(checkWithdrawal({ ...ok, requested: 0n })).toMatchObject({ ok: false, rule: 'INVALID_AMOUNT' });
  });
  it('the cap rounds down to the minor unit (exact integers, no floating point)', () => {
    expect(goodsCap(3n, 0n)).toBe(3n);
    expect(goodsCap(19n, 20n)).toBe(21n);
    expect(goodsCap(0n, 0n)).toBe(0n);
    expect(goodsCap(123_456_789_012_345_678_901n, 0n, 500n)).toBe(129_629_628_462_962_962_846n);
  });
});

describe('payout of FX-settled funds', () => {
  it('everything left goes whole; a part is the proportional share rounded down; nothing settled pays nothing', () => {
    expect(payoutShare(710_250n, 100_000n, 100_000n)).toBe(710_250n);
    expect(payoutShare(710_250n, 40_000n, 100_000n)).toBe(284_100n);
    expect(payoutShare(710_251n, 1n, 3n)).toBe(236_750n);
    expect(payoutShare(426_150n, 60_000n, 60_000n)).toBe(426_150n);
    expect(payoutShare(0n, 1n, 0n)).toBe(0n);
  });
});
