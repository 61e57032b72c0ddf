import type { EntityManager } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { addAmounts, dec, formatAmount } from '@ereceipt/money';
import { type CandidateOrder, DEFAULT_CHARGE_TOLERANCE, DEFAULT_NAME_MATCH, DEFAULT_RULE_SET, type MatchingContext, type MatchingRuleSet, type NameMatchPolicy, legalForms, nameSimilarity, namesThatCanScore, normaliseAccount, payerAccountKey, normaliseName, readReferences, typoNeighbours } from '../domain';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../review-policy.rules';
import { type CandidateOrderRow, CandidateOrdersRepository, type CandidateSource, type KnownPayerAccountRow, type KnownPaymentIdRow } from './candidate-orders.repository';

/** All open orders of the seller in the currency are taken while there are at most this many. */
export const OPEN_ORDERS_CAP = 300;
/** Above the cap: at most this many by open amount. */
export const NARROWED_LIMIT = 100;
/** Above the cap: at most this many orders of the buyers the payer's name or account designates (all of a buyer's, in practice: the engine needs them all to know a fit is the only one). */
export const BUYER_ORDERS_LIMIT = 1_000;
/** Above the cap, buyer names are compared in memory with the engine's own similarity (at most this many distinct names). */
export const BUYER_NAMES_LIMIT = 20_000;
/** The buyer names (as stored) the engine could identify the payer as, or that could tie: best first, at most 20. */
export function buyersNamedLike(payerName: string, buyerNames: string[], policy: NameMatchPolicy = DEFAULT_NAME_MATCH): string[] {
  const { threshold, tieMargin } = policy;
  // Only names that can reach the lowest floor (threshold - margin) are scored; the rest fall below any floor (namesThatCanScore is exact).
  const scored = namesThatCanScore(payerName, buyerNames, threshold - tieMargin).map((name) => ({ name, score: nameSimilarity(payerName, name) }));
  const best = scored.reduce((m, b) => Math.max(m, b.score), 0);
  // Buyers kept: every one the engine could take for the payer, or that could tie with it (at the
  // threshold or within the margin of the best); nobody below that matters to the tie guard.
  const floor = Math.max(threshold - tieMargin, Math.min(threshold, best - tieMargin));
  return scored
    .filter((b) => b.score >= floor)
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
    .slice(0, 20)
    .map((b) => b.name);
}

/** The bounds of retrieval above; a test may lower them to exercise narrowing on a small world. */
export interface RetrievalLimits {
  openOrdersCap: number;
  narrowedLimit: number;
  buyerOrdersLimit: number;
}

export const RETRIEVAL_LIMITS: RetrievalLimits = { openOrdersCap: OPEN_ORDERS_CAP, narrowedLimit: NARROWED_LIMIT, buyerOrdersLimit: BUYER_ORDERS_LIMIT };

/** Years tried for an order number quoted without its year (`EO 000123`). */
const YEARS_BACK = 3;

export interface LoadedContext {
  sellerId: string | null;
  context: MatchingContext;
  /** The seller's review policy in force (the default without a seller or settings). */
  reviewPolicy: ReviewPolicy;
}

/**
 * The engine groups a buyer's orders by this key; known payer accounts point at it. The legal form
 * is part of it: `ACME TRADING LTD` and `ACME TRADING GMBH` are two companies.
 */
export function buyerKeyOf(buyerName: string): string {
  const tokens = normaliseName(buyerName);
  if (tokens.length === 0) return buyerName.trim().toUpperCase();
  const forms = [...legalForms(buyerName)].sort();
  return forms.length > 0 ? `${tokens.join(' ')} (${forms.join(' ')})` : tokens.join(' ');
}

function toCandidate(row: CandidateOrderRow): CandidateOrder {
  return {
    orderNo: row.order_no,
    sellerId: row.seller_id,
    buyer: { key: buyerKeyOf(row.buyer_name), name: row.buyer_name },
    currency: row.currency,
    milestones: row.milestones.map((m) => ({ kind: m.kind, amount: m.amount, paidAmount: m.paidAmount, dueDate: m.dueDate, preShipment: m.preShipment })),
    createdDate: row.created_date,
    expectedShipDate: row.expected_ship_date,
  };
}

/**
 * Order numbers a quoted reference may stand for (the engine then keeps a token only if it hits
 * exactly one): each token's number (a token without year tries value-date year +1 ... -3), the
 * numbers a typo could have meant, and the numbers one typing error away from each quoted one (so
 * that the engine can tell a typo that lands on another order from the order meant).
 */
export function orderNumbersFor(remittance: Pick<CanonicalRemittance, 'remittanceInfo' | 'references' | 'valueDate'>): string[] {
  const year = Number(remittance.valueDate.slice(0, 4));
  const quoted = readReferences([remittance.remittanceInfo, ...remittance.references]);
  const own: string[] = [];
  const near: string[] = [];
  for (const token of quoted.tokens) {
    const years = token.year ? [token.year] : Array.from({ length: YEARS_BACK + 2 }, (_, i) => String(year + 1 - i));
    for (const y of years) own.push(`EO-${y}-${token.seq}`);
    if (token.year) near.push(...typoNeighbours(`EO-${token.year}-${token.seq}`));
  }
  const typos = quoted.typos.flatMap((t) => t.candidates);
  return [...new Set([...own.sort(), ...typos, ...near])].slice(0, ORDER_NUMBERS_LIMIT);
}

/** At most this many order numbers are looked up per remittance (one indexed query). */
export const ORDER_NUMBERS_LIMIT = 600;

/**
 * Builds the engine's input for one remittance (issue 5, "candidate retrieval that scales"):
 * virtual account -> seller; orders quoted by number; orders tied before to the same UETR /
 * EndToEndId; buyers the payer account paid for before; and the seller's open orders in the
 * currency: all of them up to OPEN_ORDERS_CAP, else the orders of the buyers the payer's name or
 * account could designate (names compared in memory with the engine's similarity, so its tie guard
 * sees every buyer that could tie) and those whose open amount fits (what an AUTO by amount needs: the payer identified by name or
 * account, and that buyer's orders). Bounded whatever the table size.
 */
export async function loadMatchingContext(em: EntityManager, remittance: CanonicalRemittance, override: MatchingRuleSet | null = null): Promise<LoadedContext> {
  return retrieveCandidates(new CandidateOrdersRepository(em), remittance, override);
}

/**
 * The retrieval of `loadMatchingContext` over any source of candidates (the live tables, or a
 * replay's history). The rules are the seller's settings in force (charge tolerance; defaults
 * without settings), unless `override` replaces them for everyone (a replay's rules file).
 */
export async function retrieveCandidates(repo: CandidateSource, remittance: CanonicalRemittance, override: MatchingRuleSet | null, limits: RetrievalLimits = RETRIEVAL_LIMITS): Promise<LoadedContext> {
  const account = remittance.beneficiary.account ? normaliseAccount(remittance.beneficiary.account) : null;
  const sellerId = account ? await repo.sellerOfAccount(account) : null;
  const settings = sellerId ? await repo.settingsOf(sellerId) : null;
  const rules: MatchingRuleSet = override ?? { ...DEFAULT_RULE_SET, chargeTolerance: settings?.chargeTolerance ?? null };
  const reviewPolicy = settings?.reviewPolicy ?? DEFAULT_REVIEW_POLICY;
  const empty = { ...rules, orders: [], knownPaymentIds: [], knownPayerAccounts: [] };
  if (!sellerId) return { sellerId: null, context: { ...empty, seller: null }, reviewPolicy };

  // The account, or the 50F party identifier when there is none (payerAccountKey), normalised as stored on associations.
  const payerKey = payerAccountKey(remittance.payer);
  const payerAccount = payerKey ? normaliseAccount(payerKey) : null;
  // One after the other: they share the transaction's connection.
  const quoted = await repo.byOrderNumbers(sellerId, orderNumbersFor(remittance));
  const paymentIds = await repo.knownPaymentIds(sellerId, remittance.uetr?.toLowerCase() ?? null, remittance.endToEndId);
  const accountBuyers = payerAccount && payerAccount.length >= 4 ? await repo.knownPayerAccounts(sellerId, payerAccount) : [];
  const byPaymentId = await repo.byOrderNumbers(sellerId, [...new Set(paymentIds.map((p) => p.order_no))]);
  // Count first (index-only): above the cap, reading 300 rows with their milestones only to drop them is the costly part.
  let open: CandidateOrderRow[] = [];
  if ((await repo.countOpen(sellerId, remittance.currency, limits.openOrdersCap + 1)) <= limits.openOrdersCap) {
    open = await repo.open(sellerId, remittance.currency, limits.openOrdersCap);
  } else {
    const high = openAmountCeiling(remittance, rules);
    const names = remittance.payer.name ? buyersNamedLike(remittance.payer.name, await repo.openBuyerNames(sellerId, remittance.currency, BUYER_NAMES_LIMIT), rules.names ?? DEFAULT_NAME_MATCH) : [];
    open = [
      ...(await repo.byBuyerNames(sellerId, remittance.currency, [...new Set([...names, ...accountBuyers.map((b) => b.buyer_name)])], limits.buyerOrdersLimit)),
      ...(await repo.byOpenAmount(sellerId, remittance.currency, remittance.amount, high, limits.narrowedLimit)),
    ];
  }
  return assembleContext({ sellerId, reviewPolicy, rules, payerAccount, quoted, byPaymentId, open, paymentIds, accountBuyers });
}

function byOrderNo(rows: CandidateOrderRow[]): CandidateOrderRow[] {
  return [...rows].sort((a, b) => (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0));
}

/** Above the cap, orders whose whole open amount lies between the amount and this are candidates (a payment of everything due, give or take charges). */
export function openAmountCeiling(remittance: CanonicalRemittance, rules: MatchingRuleSet): string {
  const slack = addAmounts(remittance.currency, (rules.chargeTolerance ?? DEFAULT_CHARGE_TOLERANCE).absolute);
  const gross = remittance.instructedAmount?.currency === remittance.currency ? remittance.instructedAmount.amount : remittance.amount;
  return formatAmount(dec(gross).plus(dec(slack)), remittance.currency);
}

/** What retrieval found for one remittance, from any source (per wire, per batch, or a replay's history). */
export interface RetrievedRows {
  sellerId: string;
  reviewPolicy: ReviewPolicy;
  rules: MatchingRuleSet;
  payerAccount: string | null;
  quoted: CandidateOrderRow[];
  byPaymentId: CandidateOrderRow[];
  open: CandidateOrderRow[];
  paymentIds: KnownPaymentIdRow[];
  accountBuyers: KnownPayerAccountRow[];
}

/** The engine's input from what retrieval found: each order once (quoted first, then by payment id, then the rest). */
export function assembleContext(found: RetrievedRows): LoadedContext {
  const { sellerId, reviewPolicy, rules, payerAccount } = found;
  const orders = new Map<string, CandidateOrder>();
  // Keyed orders by number (their statements have no order of their own), the rest as retrieved (oldest first).
  for (const row of [...byOrderNo(found.quoted), ...byOrderNo(found.byPaymentId), ...found.open]) if (!orders.has(row.order_no)) orders.set(row.order_no, toCandidate(row));
  return {
    sellerId,
    reviewPolicy,
    context: {
      ...rules,
      seller: { sellerId },
      orders: [...orders.values()],
      knownPaymentIds: found.paymentIds.map((p) => ({ orderNo: p.order_no, uetr: p.uetr, endToEndId: p.end_to_end_id })),
      knownPayerAccounts: payerAccount ? found.accountBuyers.map((b) => ({ buyerKey: buyerKeyOf(b.buyer_name), account: payerAccount, confirmedNames: b.confirmed_names })) : [],
    },
  };
}
