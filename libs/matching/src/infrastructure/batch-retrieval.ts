import type { EntityManager } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { DEFAULT_NAME_MATCH, DEFAULT_RULE_SET, type MatchingRuleSet, normaliseAccount, payerAccountKey } from '../domain';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../review-policy.rules';
import { type BatchOrderRow, BatchCandidatesRepository, type WireOrderRow } from './batch-candidates.repository';
import type { CandidateOrderRow, KnownPaymentIdRow, KnownPayerAccountRow } from './candidate-orders.repository';
import { assembleContext, BUYER_NAMES_LIMIT, buyersNamedLike, type LoadedContext, openAmountCeiling, orderNumbersFor, RETRIEVAL_LIMITS, type RetrievalLimits } from './matching-context.loader';

/**
 * Candidate retrieval for a batch of remittances in one round of set-based statements (issue 15):
 * the same sources, limits and narrowing as `retrieveCandidates` for each wire (which the replay
 * keeps using over a seller's history), but each source read once for the whole batch, a handful
 * of statements instead of about seven per wire. The caller must not put two wires of one seller
 * in one call: each wire sees the tables as they are, not the effects of the other wires'
 * decisions (MatchRemittance.withinMany decides a batch in rounds of one wire per seller).
 */
export async function retrieveCandidatesForBatch(
  em: EntityManager,
  remittances: readonly CanonicalRemittance[],
  override: MatchingRuleSet | null = null,
  limits: RetrievalLimits = RETRIEVAL_LIMITS,
  /** Each normalised collection account's seller, when the caller has read them already (the lock does): not read again. */
  known: ReadonlyMap<string, string> | null = null,
): Promise<LoadedContext[]> {
  const repo = new BatchCandidatesRepository(em);
  const accounts = remittances.map((r) => (r.beneficiary.account ? normaliseAccount(r.beneficiary.account) : null));
  const sellerOf = known ?? (await repo.sellersOfAccounts([...new Set(accounts.filter((a): a is string => !!a))]));
  const sellers = accounts.map((a) => (a ? (sellerOf.get(a) ?? null) : null));
  const sellerIds = [...new Set(sellers.filter((s): s is string => !!s))].sort();
  const settings = new Map((await repo.settingsOf(sellerIds)).map((r) => [r.seller_id, r]));

  const wires = remittances.flatMap((remittance, i) => {
    const sellerId = sellers[i];
    if (!sellerId) return [];
    const s = settings.get(sellerId);
    const rules: MatchingRuleSet = override ?? { ...DEFAULT_RULE_SET, chargeTolerance: s ? { percent: s.charge_tolerance_percent, absolute: s.charge_tolerance_absolute } : null };
    const reviewPolicy = (s?.review_policy as ReviewPolicy | undefined) ?? DEFAULT_REVIEW_POLICY;
    // The account, or the 50F party identifier when there is none (payerAccountKey), normalised as stored on associations.
  const payerKey = payerAccountKey(remittance.payer);
  const payerAccount = payerKey ? normaliseAccount(payerKey) : null;
    return [{ i, remittance, sellerId, rules, reviewPolicy, payerAccount, numbers: orderNumbersFor(remittance), uetr: remittance.uetr?.toLowerCase() ?? null, e2e: remittance.endToEndId }];
  });

  // Known payment ids, then every order number a wire quoted or a payment id points at, in one read.
  const paymentRows = await repo.knownPaymentIds(
    sellerIds,
    [...new Set(wires.map((w) => w.uetr).filter((u): u is string => !!u))],
    [...new Set(wires.map((w) => w.e2e).filter((e): e is string => !!e))],
  );
  const paymentIdsOf = wires.map((w) =>
    sortPaymentIds(paymentRows.filter((p) => p.seller_id === w.sellerId && ((!!w.uetr && p.uetr === w.uetr) || (!!w.e2e && p.end_to_end_id === w.e2e)))),
  );
  const numbered = byKey(await repo.byOrderNumbers([...new Set([...wires.flatMap((w) => w.numbers), ...paymentRows.map((p) => p.order_no)])]), (r) => r.order_no);
  const ofSeller = (sellerId: string, orderNos: readonly string[]): CandidateOrderRow[] =>
    [...new Set(orderNos)].flatMap((no) => numbered.get(no) ?? []).filter((r) => r.seller_id === sellerId);

  const accountPairs = wires.filter((w) => w.payerAccount && w.payerAccount.length >= 4).map((w) => ({ s: w.sellerId, a: w.payerAccount as string }));
  const accountRows = await repo.knownPayerAccounts(accountPairs);
  const accountBuyersOf = wires.map((w): KnownPayerAccountRow[] =>
    w.payerAccount && w.payerAccount.length >= 4 ? accountRows.filter((r) => r.seller_id === w.sellerId && r.payer_account === w.payerAccount).map((r) => ({ buyer_name: r.buyer_name, confirmed_names: r.confirmed_names })) : [],
  );

  const accountBuyersByWire = new Map(wires.map((w, k) => [w.i, accountBuyersOf[k]]));

  // The seller's open orders in the currency: all of them up to the cap, else narrowed by name, account and amount.
  const pairKey = (s: string, c: string) => `${s} ${c}`;
  const counts = new Map((await repo.countOpen(wires.map((w) => ({ s: w.sellerId, c: w.remittance.currency })), limits.openOrdersCap + 1)).map((r) => [pairKey(r.s, r.c), r.n]));
  const small = wires.filter((w) => (counts.get(pairKey(w.sellerId, w.remittance.currency)) ?? 0) <= limits.openOrdersCap);
  const large = wires.filter((w) => (counts.get(pairKey(w.sellerId, w.remittance.currency)) ?? 0) > limits.openOrdersCap);
  const openOf = byKey(await repo.open(small.map((w) => ({ s: w.sellerId, c: w.remittance.currency })), limits.openOrdersCap), (r) => pairKey(r.seller_id, r.currency));
  const named = large.filter((w) => !!w.remittance.payer.name);
  const buyerNames = byKey(await repo.openBuyerNames(named.map((w) => ({ s: w.sellerId, c: w.remittance.currency })), BUYER_NAMES_LIMIT), (r) => pairKey(r.s, r.c));
  const wantedNames = new Map<number, string[]>();
  for (const w of large) {
    const names = w.remittance.payer.name ? buyersNamedLike(w.remittance.payer.name, (buyerNames.get(pairKey(w.sellerId, w.remittance.currency)) ?? []).map((r) => r.buyer_name), w.rules.names ?? DEFAULT_NAME_MATCH) : [];
    wantedNames.set(w.i, [...new Set([...names, ...(accountBuyersByWire.get(w.i) ?? []).map((b) => b.buyer_name)])]);
  }
  const byNames = byKey(await repo.byBuyerNames(large.map((w) => ({ i: w.i, s: w.sellerId, c: w.remittance.currency, names: wantedNames.get(w.i) ?? [] })), limits.buyerOrdersLimit), (r) => r.i);
  const byAmount = byKey(
    await repo.byOpenAmount(large.map((w) => ({ i: w.i, s: w.sellerId, c: w.remittance.currency, low: w.remittance.amount, high: openAmountCeiling(w.remittance, w.rules) })), limits.narrowedLimit),
    (r) => r.i,
  );
  const isLarge = new Set(large.map((w) => w.i));

  const loaded: LoadedContext[] = remittances.map(() => ({ sellerId: null, reviewPolicy: DEFAULT_REVIEW_POLICY, context: { ...(override ?? DEFAULT_RULE_SET), seller: null, orders: [], knownPaymentIds: [], knownPayerAccounts: [] } }));
  wires.forEach((w, k) => {
    const open: CandidateOrderRow[] = isLarge.has(w.i) ? [...oldestFirst(byNames.get(w.i) ?? []), ...oldestFirst(byAmount.get(w.i) ?? [])] : oldestFirst(openOf.get(pairKey(w.sellerId, w.remittance.currency)) ?? []);
    loaded[w.i] = assembleContext({
      sellerId: w.sellerId,
      reviewPolicy: w.reviewPolicy,
      rules: w.rules,
      payerAccount: w.payerAccount,
      quoted: ofSeller(w.sellerId, w.numbers),
      byPaymentId: ofSeller(w.sellerId, paymentIdsOf[k].map((p) => p.order_no)),
      open,
      paymentIds: paymentIdsOf[k],
      accountBuyers: accountBuyersOf[k],
    });
  });
  return loaded;
}

function byKey<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The per-wire statements' order (`order by created_at, order_no`), which their limits apply to. */
function oldestFirst<T extends BatchOrderRow | WireOrderRow>(rows: T[]): T[] {
  return [...rows].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0));
}

/** The rows of the per-wire statement (order, UETR, EndToEndId), each once, in one order. */
export function sortPaymentIds(rows: readonly KnownPaymentIdRow[]): KnownPaymentIdRow[] {
  const seen = new Map<string, KnownPaymentIdRow>();
  for (const r of rows) seen.set(`${r.order_no} ${r.uetr ?? ''} ${r.end_to_end_id ?? ''}`, { order_no: r.order_no, uetr: r.uetr, end_to_end_id: r.end_to_end_id });
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);
}
