import type { CanonicalRemittance } from '@ereceipt/contracts';
import { paymentAmounts } from './charge-tolerance.rules';
import { decideByAmount } from './decide-by-amount';
import { decideByKey } from './decide-by-key';
import { type DecisionScope, noneDecision, suggestDecision } from './decision-builders';
import { DEFAULT_NAME_MATCH, type MatchingContext } from './matching-context';
import type { MatchingDecision } from './matching-decision';
import { evaluateOrder } from './order-evaluation';
import { extractOrderRefTokens, resolveOrderReferences } from './order-reference.rules';
import { buyersForAccount } from './payer-account.rules';
import { ordersByPaymentId } from './payment-id.rules';
import { sellerOrders } from './virtual-account.rules';

/**
 * The matching engine: a pure, deterministic function of its inputs (no clock, no randomness;
 * every sort has a tie-breaker). Pipeline: virtual account -> seller's open orders; strong keys
 * (order number, known UETR/EndToEndId); currency; per-order signals; then the rule table in
 * libs/matching/README.md decides AUTO, SUGGEST or NONE.
 */
export function decide(remittance: CanonicalRemittance, context: MatchingContext): MatchingDecision {
  const { ruleVersion } = context;
  const orders = sellerOrders(context);
  if (!orders) return noneDecision(ruleVersion, 'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT');
  if (orders.length === 0) return noneDecision(ruleVersion, 'MATCHING.NO_CANDIDATE');

  const payment = paymentAmounts(remittance, context.chargeTolerance);
  const names = context.names ?? DEFAULT_NAME_MATCH;
  const known = new Set(orders.map((o) => o.orderNo));
  const tokens = extractOrderRefTokens([remittance.remittanceInfo, ...remittance.references]);
  const referenced = resolveOrderReferences(tokens, orders);
  const byPaymentId = ordersByPaymentId(remittance, context.knownPaymentIds).filter((no) => known.has(no));
  const inCurrency = orders.filter((o) => o.currency === remittance.currency);
  const buyerKeys = new Set(inCurrency.map((o) => o.buyer.key));
  const accountBuyers = buyersForAccount(remittance.payer.account, context.knownPayerAccounts, buyerKeys);

  const evals = inCurrency.map((o) =>
    evaluateOrder(o, { remittance, payment, referenced: new Set(referenced), byPaymentId: new Set(byPaymentId), accountBuyers: new Set(accountBuyers), nameThreshold: names.threshold }),
  );
  const scope: DecisionScope = { remittance, payment, ruleVersion, names, evals };

  const keyedNos = new Set([...referenced, ...byPaymentId]);
  if (keyedNos.size > 0) {
    const keyed = evals.filter((e) => keyedNos.has(e.order.orderNo));
    if (keyed.length === 0) return suggestDecision(scope, 'MATCHING.CURRENCY_MISMATCH', []);
    if (referenced.length > 0 && byPaymentId.length > 0 && !byPaymentId.every((no) => referenced.includes(no))) {
      return suggestDecision(scope, 'MATCHING.CONFLICTING_SIGNALS', keyed);
    }
    const reason = referenced.length === 0 ? 'MATCHING.AUTO_PAYMENT_ID' : keyed.length > 1 ? 'MATCHING.AUTO_ORDER_REFS' : 'MATCHING.AUTO_ORDER_REF';
    return decideByKey(scope, keyed, reason);
  }
  if (evals.length === 0) return noneDecision(ruleVersion, 'MATCHING.NO_CANDIDATE');
  return decideByAmount(scope, accountBuyers);
}
