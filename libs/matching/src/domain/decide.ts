import type { CanonicalRemittance } from '@ereceipt/contracts';
import { paymentAmounts } from './charge-tolerance.rules';
import { decideByAmount } from './decide-by-amount';
import { decideByKey } from './decide-by-key';
import { type DecisionScope, noneDecision, suggestDecision, suggestRanked } from './decision-builders';
import { type CandidateOrder, DEFAULT_NAME_MATCH, type MatchingContext } from './matching-context';
import type { MatchingDecision, MatchingReason } from './matching-decision';
import { evaluateOrder } from './order-evaluation';
import { readReferences, resolveOrderReferences, unresolvedReferences } from './order-reference.rules';
import { buyersForAccount, normaliseAccount, payerAccountKey } from './payer-account.rules';
import { legalForms, legalFormsConflict, nameSimilarity } from './payer-name.rules';
import { ordersByPaymentId } from './payment-id.rules';
import { sellerOrders } from './virtual-account.rules';

/**
 * The matching engine: a pure, deterministic function of its inputs (no clock, no randomness;
 * every sort has a tie-breaker). Pipeline: virtual account -> seller's open orders; strong keys
 * (order number, known UETR/EndToEndId); currency; per-order signals; then the rule table in
 * libs/matching/README.md decides AUTO, SUGGEST or NONE. A reference that names no open order of
 * the seller, or is mistyped, is a contradiction too: such a wire is never an AUTO.
 */
export function decide(remittance: CanonicalRemittance, context: MatchingContext): MatchingDecision {
  const decision = decideRules(remittance, context);
  // A wire that broke a network or format rule is booked money, but a person looks at it first (issue 21).
  const irregular = (remittance.irregularities ?? []).length > 0;
  return irregular && decision.outcome === 'AUTO' ? demote(decision, 'MATCHING.IRREGULAR_MESSAGE') : decision;
}

function decideRules(remittance: CanonicalRemittance, context: MatchingContext): MatchingDecision {
  const { ruleVersion } = context;
  const orders = sellerOrders(context);
  if (!orders) return noneDecision(ruleVersion, 'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT');

  const quoted = readReferences([remittance.remittanceInfo, ...remittance.references]);
  const unresolved = unresolvedReferences(quoted.tokens, orders);
  const unknownReference: MatchingReason | null = quoted.typos.length > 0 ? 'MATCHING.REFERENCE_TYPO' : unresolved.length > 0 ? 'MATCHING.UNKNOWN_ORDER_REFERENCE' : null;
  if (orders.length === 0) return noneDecision(ruleVersion, unknownReference ?? 'MATCHING.NO_CANDIDATE');

  const payment = paymentAmounts(remittance, context.chargeTolerance);
  const names = context.names ?? DEFAULT_NAME_MATCH;
  const known = new Set(orders.map((o) => o.orderNo));
  const referenced = resolveOrderReferences(quoted.tokens, orders);
  const byPaymentId = ordersByPaymentId(remittance, context.knownPaymentIds).filter((no) => known.has(no));
  const inCurrency = orders.filter((o) => o.currency === remittance.currency);
  const buyerKeys = new Set(inCurrency.map((o) => o.buyer.key));
  const payerAccount = payerAccountKey(remittance.payer);
  const accountBuyers = buyersForAccount(payerAccount, context.knownPayerAccounts, buyerKeys);
  const aliases = aliasesOf(payerAccount, context);
  const legalTwin = hasLegalTwin(remittance.payer.name, inCurrency, names.threshold);

  const evals = inCurrency.map((o) =>
    evaluateOrder(o, { remittance, payment, referenced: new Set(referenced), byPaymentId: new Set(byPaymentId), accountBuyers: new Set(accountBuyers), nameThreshold: names.threshold, aliases, legalTwin }),
  );
  const scope: DecisionScope = { remittance, payment, ruleVersion, names, evals };
  const typoCandidates = new Set(quoted.typos.flatMap((t) => t.candidates));
  const typoEvals = evals.filter((e) => typoCandidates.has(e.order.orderNo));

  const keyedNos = new Set([...referenced, ...byPaymentId]);
  if (keyedNos.size > 0) {
    const keyed = evals.filter((e) => keyedNos.has(e.order.orderNo));
    if (keyed.length === 0) return suggestDecision(scope, 'MATCHING.CURRENCY_MISMATCH', []);
    if (referenced.length > 0 && byPaymentId.length > 0 && !byPaymentId.every((no) => referenced.includes(no))) {
      return suggestDecision(scope, 'MATCHING.CONFLICTING_SIGNALS', keyed);
    }
    const reason = referenced.length === 0 ? 'MATCHING.AUTO_PAYMENT_ID' : keyed.length > 1 ? 'MATCHING.AUTO_ORDER_REFS' : 'MATCHING.AUTO_ORDER_REF';
    const decision = decideByKey(scope, keyed, reason);
    // Another reference quoted that names no open order, or a typo: the buyer said something the orders do not explain.
    if (unknownReference && decision.outcome === 'AUTO') return suggestRanked(scope, unknownReference, [typoEvals, keyed]);
    return decision;
  }
  if (typoEvals.length > 0) return suggestDecision(scope, 'MATCHING.REFERENCE_TYPO', typoEvals);
  if (evals.length === 0) return noneDecision(ruleVersion, unknownReference ?? 'MATCHING.NO_CANDIDATE');
  const decision = decideByAmount(scope, accountBuyers);
  // The buyer named an order, and it is none of these: never credit by the amount alone.
  return unknownReference ? demote(decision, unknownReference) : decision;
}

/** The same candidates, as a suggestion for the reason given (an AUTO's allocations become its one alternative). */
function demote(decision: MatchingDecision, reason: MatchingReason): MatchingDecision {
  if (decision.outcome !== 'AUTO') return { ...decision, reason };
  return { ...decision, outcome: 'SUGGEST', reason, alternatives: [decision.allocations], allocations: [], credit: null, bankCharges: null, bankChargesOn: null };
}

/** Some buyer's name matches the payer's, and their legal forms agree (only asked when the payer states one). */
function hasLegalTwin(payerName: string | null, orders: CandidateOrder[], threshold: number): boolean {
  if (!payerName || legalForms(payerName).size === 0) return false;
  const names = new Set(orders.map((o) => o.buyer.name));
  return [...names].some((n) => legalForms(n).size > 0 && !legalFormsConflict(payerName, n) && nameSimilarity(payerName, n) >= threshold);
}

/** Per buyer: the payer names a person confirmed on this payer account (the context's known accounts). */
function aliasesOf(account: string | null, context: MatchingContext): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  if (!account) return aliases;
  const wanted = normaliseAccount(account);
  for (const k of context.knownPayerAccounts) {
    if (normaliseAccount(k.account) !== wanted || !k.confirmedNames?.length) continue;
    aliases.set(k.buyerKey, [...(aliases.get(k.buyerKey) ?? []), ...k.confirmedNames]);
  }
  return aliases;
}
