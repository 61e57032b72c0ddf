import type { CanonicalRemittance } from '@ereceipt/contracts';
import { fitOrder, type OrderFit, prefixTargets } from './amount-fit.rules';
import type { PaymentAmounts } from './charge-tolerance.rules';
import type { CandidateOrder } from './matching-context';
import type { AmountFitKind, SignalScore } from './matching-decision';
import { isGenericName, legalFormsConflict, nameSimilarity } from './payer-name.rules';
import { valueDateSignal } from './value-date.rules';

/** Points per signal; they rank suggestions. AUTO is decided by the rule table (README), not a sum. */
export const SIGNAL_POINTS = {
  virtualAccount: 10,
  orderReference: 40,
  paymentId: 40,
  payerAccount: 20,
  /** Name similarity / 5: 16..20 from the threshold up. */
  payerNameDivisor: 5,
  amount: { EXACT: 30, CHARGES: 25, OVERPAID: 10, PARTIAL: 5 } satisfies Record<AmountFitKind, number>,
  amountInCombination: 20,
} as const;

/**
 * Who the payer is, for one order, from the two signals that identify a payer (README "Payer"):
 * MATCH (they agree on this order's buyer, or the only one present does), NAME_MISMATCH (the
 * account was seen for this buyer but the name says another company, not an alias a person
 * confirmed), ACCOUNT_MISMATCH (the name says this buyer but the account was seen only for other
 * buyers), OTHER (nothing says this buyer), UNKNOWN (no name and no account at all).
 */
export type PayerMatch = 'MATCH' | 'NAME_MISMATCH' | 'ACCOUNT_MISMATCH' | 'OTHER' | 'UNKNOWN';

export interface Evaluation {
  order: CandidateOrder;
  fit: OrderFit;
  referenced: boolean;
  paymentIdHit: boolean;
  accountKnown: boolean;
  nameScore: number;
  /** How the payer's name and account relate to this order's buyer. */
  payer: PayerMatch;
  /** The payer is this order's buyer: `payer === 'MATCH'`. */
  payerIsBuyer: boolean;
  paidBeforeOrder: boolean;
  /** How far the payment (the gross when known) is from the nearest amount due (minor units): ranks equal scores. */
  distance: bigint;
  signals: SignalScore[];
  score: number;
}

export interface EvaluationInput {
  remittance: CanonicalRemittance;
  payment: PaymentAmounts;
  referenced: ReadonlySet<string>;
  byPaymentId: ReadonlySet<string>;
  /** Buyers the payer account was seen for. */
  accountBuyers: ReadonlySet<string>;
  /** A name at or above this similarity makes the payer the buyer. */
  nameThreshold: number;
  /**
   * Some candidate buyer's name matches the payer's with an agreeing legal form: a buyer named alike
   * but with another legal form is then another company, not the payer.
   */
  legalTwin: boolean;
  /** Per buyer key: payer names a person confirmed for that buyer on this payer account. */
  aliases: ReadonlyMap<string, readonly string[]>;
}

export function evaluateOrder(order: CandidateOrder, input: EvaluationInput): Evaluation {
  const fit = fitOrder(order, input.payment);
  const referenced = input.referenced.has(order.orderNo);
  const paymentIdHit = input.byPaymentId.has(order.orderNo);
  const accountKnown = input.accountBuyers.has(order.buyer.key);
  const payerName = input.remittance.payer.name;
  const nameScore = payerName ? nameSimilarity(payerName, order.buyer.name) : 0;
  const nameMatches = payerName !== null && nameScore >= input.nameThreshold && !(input.legalTwin && legalFormsConflict(payerName, order.buyer.name));
  const alias = payerName !== null && !nameMatches && (input.aliases.get(order.buyer.key) ?? []).some((a) => nameSimilarity(payerName, a) >= input.nameThreshold);
  const payer = payerMatch(input, accountKnown, nameMatches || alias);
  const date = valueDateSignal(input.remittance.valueDate, order);
  const signals: SignalScore[] = [
    { signal: 'VIRTUAL_ACCOUNT', score: SIGNAL_POINTS.virtualAccount, detail: `virtual account of seller ${order.sellerId}` },
    { signal: 'ORDER_REFERENCE', score: referenced ? SIGNAL_POINTS.orderReference : 0, detail: referenced ? 'order number quoted' : 'not quoted' },
    { signal: 'PAYMENT_ID', score: paymentIdHit ? SIGNAL_POINTS.paymentId : 0, detail: paymentIdHit ? 'UETR/EndToEndId seen for this order' : 'not seen' },
    { signal: 'PAYER_ACCOUNT', score: accountKnown ? SIGNAL_POINTS.payerAccount : 0, detail: accountKnown ? 'account seen for this buyer' : 'not seen' },
    {
      signal: 'PAYER_NAME',
      score: nameMatches ? Math.floor(nameScore / SIGNAL_POINTS.payerNameDivisor) : 0,
      detail: !payerName ? 'no payer name' : alias ? `name similarity ${nameScore}/100, an alias confirmed for this buyer` : nameScore >= input.nameThreshold && !nameMatches ? `name similarity ${nameScore}/100, but another legal form` : `name similarity ${nameScore}/100`,
    },
    { signal: 'AMOUNT', score: SIGNAL_POINTS.amount[fit.kind], detail: amountDetail(fit) },
    { signal: 'VALUE_DATE', score: date.score, detail: date.detail },
  ];
  return {
    order,
    fit,
    referenced,
    paymentIdHit,
    accountKnown,
    nameScore,
    payer,
    payerIsBuyer: payer === 'MATCH',
    paidBeforeOrder: date.paidBeforeOrder,
    distance: distanceToDue(order, input.payment),
    signals,
    score: signals.reduce((sum, s) => sum + s.score, 0),
  };
}

function payerMatch(input: EvaluationInput, accountKnown: boolean, nameDesignates: boolean): PayerMatch {
  const { name, account } = input.remittance.payer;
  const hasName = !isGenericName(name);
  const accountElsewhere = !accountKnown && input.accountBuyers.size > 0;
  if (hasName) {
    if (nameDesignates) return accountElsewhere ? 'ACCOUNT_MISMATCH' : 'MATCH';
    return accountKnown ? 'NAME_MISMATCH' : 'OTHER';
  }
  if (accountKnown) return 'MATCH';
  return account ? 'OTHER' : 'UNKNOWN';
}

function amountDetail(fit: OrderFit): string {
  switch (fit.kind) {
    case 'EXACT':
      return `settles ${fit.milestones} open milestone(s) exactly`;
    case 'CHARGES':
      return `settles ${fit.milestones} open milestone(s) less bank charges within tolerance`;
    case 'OVERPAID':
      return 'more than everything due';
    case 'PARTIAL':
      return fit.chargesExceeded ? 'sent in full, but charges exceed the tolerance' : 'less than the next milestone due';
  }
}

function distanceToDue(order: CandidateOrder, payment: PaymentAmounts): bigint {
  const paid = payment.gross ?? payment.net;
  return prefixTargets(order).reduce((best: bigint | null, t) => {
    const d = t > paid ? t - paid : paid - t;
    return best === null || d < best ? d : best;
  }, null) ?? paid;
}

/** Best first: score, then the amount due nearest the payment, then order number (stable, deterministic). */
export function rankEvaluations(evals: Evaluation[]): Evaluation[] {
  return [...evals].sort((a, b) => b.score - a.score || (a.distance < b.distance ? -1 : a.distance > b.distance ? 1 : 0) || (a.order.orderNo < b.order.orderNo ? -1 : 1));
}

/** Nearest amount due first, then score, then order number: how a reviewer looks for the order a payment that fits none was meant for. */
export function rankByDistance(evals: Evaluation[]): Evaluation[] {
  return [...evals].sort((a, b) => (a.distance < b.distance ? -1 : a.distance > b.distance ? 1 : 0) || b.score - a.score || (a.order.orderNo < b.order.orderNo ? -1 : 1));
}
