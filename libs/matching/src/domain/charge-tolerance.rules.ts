import type { CanonicalRemittance } from '@ereceipt/contracts';
import { dec, isValidAmount, toMinorUnits } from '@ereceipt/money';
import { type ChargeTolerancePolicy, DEFAULT_CHARGE_TOLERANCE } from './matching-context';

/**
 * The remittance's amounts in integer minor units (bigint: exact, never a JS number).
 * `net` is what was credited (32A); `gross` what the payer sent (33B, or 32A plus the 71F charges),
 * null when unknown or in another currency.
 */
export interface PaymentAmounts {
  currency: string;
  net: bigint;
  gross: bigint | null;
  bearer: CanonicalRemittance['chargeBearer'];
  policy: ChargeTolerancePolicy;
}

export function paymentAmounts(remittance: CanonicalRemittance, policy: ChargeTolerancePolicy | null): PaymentAmounts {
  const { currency } = remittance;
  const net = toMinorUnits(remittance.amount, currency);
  const sameCurrency = (m: { currency: string; amount: string }) => m.currency === currency && isValidAmount(m.amount, currency);
  let gross: bigint | null = null;
  if (remittance.instructedAmount && sameCurrency(remittance.instructedAmount)) {
    gross = toMinorUnits(remittance.instructedAmount.amount, currency);
  } else if (remittance.chargesDeducted.length > 0 && remittance.chargesDeducted.every(sameCurrency)) {
    gross = remittance.chargesDeducted.reduce((sum, c) => sum + toMinorUnits(c.amount, currency), net);
  }
  if (gross !== null && gross < net) gross = null; // a bank's inconsistency; do not trust it
  return { currency, net, gross, bearer: remittance.chargeBearer, policy: policy ?? DEFAULT_CHARGE_TOLERANCE };
}

/** Lower of `percent` % of the target (rounded down to a minor unit) and `absolute` units. */
export function toleranceMinor(target: bigint, policy: ChargeTolerancePolicy, currency: string): bigint {
  const relative = BigInt(dec(target.toString()).times(dec(policy.percent)).dividedBy(100).floor().toFixed(0));
  const absolute = toMinorUnits(policy.absolute, currency);
  return relative < absolute ? relative : absolute;
}

export type TargetFit = 'EXACT' | 'CHARGES' | null;

/**
 * Does the payment settle exactly `target` (minor units)?
 * - EXACT: credited amount equals the target, and nothing says the payer meant more.
 * - CHARGES: short by no more than the tolerance, the bearer is not OUR (under OUR the payer pays
 *   every charge, so a shortfall is an underpayment), and, when the gross is known, the payer sent
 *   exactly the target: the shortfall is explained by charges, not by paying less.
 * When the gross is known and differs from the net, the payer's intent is the gross: a credited
 * amount that happens to equal another target is not a fit.
 */
export function fitTarget(target: bigint, payment: PaymentAmounts): TargetFit {
  const { net, gross, bearer } = payment;
  const chargesAllowed = bearer !== 'OUR';
  const withinTolerance = (shortfall: bigint) =>
    shortfall > 0n && shortfall <= toleranceMinor(target, payment.policy, payment.currency);
  if (gross !== null && gross !== net) {
    return target === gross && chargesAllowed && withinTolerance(gross - net) ? 'CHARGES' : null;
  }
  if (net === target) return 'EXACT';
  if (gross === null && chargesAllowed && withinTolerance(target - net)) return 'CHARGES';
  return null;
}

/** Largest sum that could still fit (for pruning searches). */
export function fitUpperBound(payment: PaymentAmounts): bigint {
  const slack = toMinorUnits(payment.policy.absolute, payment.currency);
  const viaNet = payment.net + slack;
  return payment.gross !== null && payment.gross > viaNet ? payment.gross : viaNet;
}
