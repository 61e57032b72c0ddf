/**
 * The three withdrawal rules of docs/domain.md §3, pure. Deliberately no credit-limit check.
 * Amounts in minor units of the order's currency.
 */
export const withdrawalRules = ['PAYMENT_INFO_CONFIRMED', 'FUNDS_CREDITED', 'FUNDS_GOODS_CONSISTENT'] as const;
export type WithdrawalRule = (typeof withdrawalRules)[number];

/** Default goods tolerance: 5 % (docs/domain.md §3), in basis points so the cap is exact integer arithmetic. */
export const DEFAULT_GOODS_TOLERANCE_BP = 500n;

export interface WithdrawalFacts {
  /** The buyer confirmed the payment information (signed link). */
  paymentInfoConfirmed: boolean;
  /** The order's withdrawable (CREDITED) balance: approved associations only. */
  credited: bigint;
  /** A refund is open on the order's funds. */
  openRefund: boolean;
  /** A fulfillment flag holds crediting (ship date missed with no logistics information). */
  creditingHeld: boolean;
  /** A withdrawal of this order is still waiting for the bank. */
  inFlight: boolean;
  /** Withdrawn so far: REQUESTED + COMPLETED withdrawals (FAILED ones gave the money back). */
  withdrawnSoFar: bigint;
  /** Sum of the pre-shipment milestones. */
  preShipment: bigint;
  /** Goods value declared for the order (customs / one-stop bill), converted to its currency. */
  declaredGoods: bigint;
  toleranceBp?: bigint;
  /** Amount asked for; absent = everything the rules allow. */
  requested?: bigint;
}

export type WithdrawalVerdict = { ok: true; amount: bigint; cap: bigint } | { ok: false; rule: WithdrawalRule | 'IN_PROGRESS' | 'INVALID_AMOUNT'; message: string };

/** max(pre-shipment, declared) x (1 + tolerance), rounded down to the minor unit. */
export function goodsCap(preShipment: bigint, declaredGoods: bigint, toleranceBp: bigint = DEFAULT_GOODS_TOLERANCE_BP): bigint {
  const base = preShipment > declaredGoods ? preShipment : declaredGoods;
  return (base * (10_000n + toleranceBp)) / 10_000n;
}

export function checkWithdrawal(f: WithdrawalFacts): WithdrawalVerdict {
  if (f.requested !== undefined && f.requested <= 0n) return { ok: false, rule: 'INVALID_AMOUNT', message: 'amount: must be positive' };
  if (!f.paymentInfoConfirmed) return { ok: false, rule: 'PAYMENT_INFO_CONFIRMED', message: 'the buyer has not confirmed the payment information' };
  if (f.openRefund) return { ok: false, rule: 'FUNDS_CREDITED', message: 'a refund is open on the funds of this order' };
  if (f.creditingHeld) return { ok: false, rule: 'FUNDS_CREDITED', message: 'crediting is held by a fulfillment flag (ship date missed without logistics information)' };
  if (f.inFlight) return { ok: false, rule: 'IN_PROGRESS', message: 'a withdrawal of this order is waiting for the bank' };
  if (f.credited <= 0n) return { ok: false, rule: 'FUNDS_CREDITED', message: 'no credited funds to withdraw (not associated, under review, or already withdrawn)' };
  if (f.requested !== undefined && f.requested > f.credited) return { ok: false, rule: 'FUNDS_CREDITED', message: `more than the credited funds (${f.credited} minor units)` };
  const cap = goodsCap(f.preShipment, f.declaredGoods, f.toleranceBp);
  const headroom = cap - f.withdrawnSoFar;
  if (headroom <= 0n) return { ok: false, rule: 'FUNDS_GOODS_CONSISTENT', message: `withdrawals already reach max(pre-shipment milestones, declared goods value) x (1 + tolerance) = ${cap} minor units` };
  if (f.requested !== undefined && f.requested > headroom) return { ok: false, rule: 'FUNDS_GOODS_CONSISTENT', message: `withdrawn would exceed max(pre-shipment milestones, declared goods value) x (1 + tolerance) = ${cap} minor units (${headroom} left)` };
  const amount = f.requested ?? (f.credited < headroom ? f.credited : headroom);
  return { ok: true, amount, cap };
}

/**
 * The settled money (`settledAvailable`, settlement currency) paid out for `amount` of the order's
 * currency out of `settledSource` still unwithdrawn: all of it when everything goes, else the
 * proportional share rounded down (the remainder stays credited for the next withdrawal).
 */
export function payoutShare(settledAvailable: bigint, amount: bigint, settledSource: bigint): bigint {
  if (settledSource <= 0n) return 0n;
  if (amount >= settledSource) return settledAvailable;
  return (settledAvailable * amount) / settledSource;
}
