import type { RefundSide, RefundStatus } from './funds.entities';

/** Pure refund-portal rules (docs/domain.md §6). Amounts in minor units of the order currency. */
export type RefundVerdict = { ok: true } | { ok: false; code: 'FUNDS.REFUND_EXCEEDS_REFUNDABLE' | 'FUNDS.REFUND_ALREADY_OPEN' | 'FUNDS.INVALID'; message: string };

/**
 * Opening: a positive amount up to what is refundable, i.e. paid and credited to the order and
 * neither withdrawn (the seller has it) nor refunded; one open refund per order at a time.
 */
export function checkOpenRefund(amount: bigint, refundable: bigint, alreadyOpen: boolean): RefundVerdict {
  if (amount <= 0n) return { ok: false, code: 'FUNDS.INVALID', message: 'amount: must be positive' };
  if (alreadyOpen) return { ok: false, code: 'FUNDS.REFUND_ALREADY_OPEN', message: 'a refund of this order is already open or waiting for the bank' };
  if (amount > refundable) return { ok: false, code: 'FUNDS.REFUND_EXCEEDS_REFUNDABLE', message: `more than what is paid and not withdrawn nor refunded (${refundable} minor units)` };
  return { ok: true };
}

export type RefundDecisionVerdict = { ok: true } | { ok: false; code: 'FUNDS.REFUND_NOT_OPEN' | 'FUNDS.REFUND_OWN_REQUEST'; message: string };

/** Accept or reject: only an OPEN refund, and only by the side that did not open it. */
export function checkRefundDecision(status: RefundStatus, openedBy: RefundSide, by: RefundSide): RefundDecisionVerdict {
  if (status !== 'OPEN') return { ok: false, code: 'FUNDS.REFUND_NOT_OPEN', message: `the refund is ${status}; only an OPEN one is accepted or rejected` };
  if (openedBy === by) return { ok: false, code: 'FUNDS.REFUND_OWN_REQUEST', message: `the ${by.toLowerCase()} opened this refund; the other side accepts or rejects it` };
  return { ok: true };
}
