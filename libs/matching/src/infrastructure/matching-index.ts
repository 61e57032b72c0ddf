import type { EntityManager } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { toMinorUnits } from '@ereceipt/money';
import { DEFAULT_NAME_MATCH, DEFAULT_RULE_SET, type MatchingRuleSet, normaliseAccount, payerAccountKey } from '../domain';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../review-policy.rules';
import { sortPaymentIds } from './batch-retrieval';
import type { CandidateOrderRow, KnownPayerAccountRow } from './candidate-orders.repository';
import { assembleContext, BUYER_NAMES_LIMIT, buyersNamedLike, type LoadedContext, openAmountCeiling, orderNumbersFor, RETRIEVAL_LIMITS, type RetrievalLimits } from './matching-context.loader';
import { type IndexOrderRow, MatchingIndexRepository, type IndexPayerAccountRow, type IndexPaymentIdRow, type IndexSettingsRow } from './matching-index.repository';

/**
 * Candidate retrieval from memory (issue 15): each seller's open orders (by number, and per
 * currency oldest first with their buyer names and open amounts), the payment ids of its live
 * associations and the buyers its known payer accounts paid for, loaded from PostgreSQL once and
 * answered without a round trip. It answers exactly what the set-based statements of
 * batch-retrieval.ts answer (`matching-index.int-spec.ts` compares them on a random world).
 *
 * **Never stale.** A copy is used only when the seller's version in PostgreSQL
 * (`matching_seller_version`, moved by triggers on every change of orders, associations,
 * allocations and settings: Migration20261208070000) is the one the copy was made at; otherwise it
 * is loaded again, inside the caller's transaction and after the seller's matching lock. The batch
 * that holds that lock updates its copy as it associates (re-reading what it changed) and, at its
 * end, keeps the copy only if the changes since the version it loaded were all its own; versions
 * come from a sequence, so a copy kept by a batch whose transaction then rolls back can never match
 * a version again. Every replica keeps its own copy and checks the same versions.
 *
 * Bounded: beyond `maxOrders` open orders the least recently used sellers are dropped (loaded
 * again when next needed).
 */
export interface MatchingIndexOptions {
  /** Open orders kept in memory at most (least recently used sellers dropped beyond it). */
  maxOrders?: number;
}

/** Sellers loaded per statement. */
const LOAD_SLICE = 50;

/** MATCHING_INDEX_MAX_ORDERS: a bound that keeps the hub's memory near 512 MB with 1M open orders. */
export const DEFAULT_INDEX_MAX_ORDERS = 1_500_000;

type Milestone = CandidateOrderRow['milestones'][number];

/**
 * An open order as retrieval hands it to the engine (a CandidateOrderRow), with what the index sorts
 * and filters by. One flat object per order, its repeated strings (seller, currency, buyer, dates)
 * shared, and its milestones kept as one packed string, read back when the order is a candidate
 * (a few dozen per wire): a million open orders must fit in the hub's memory (libs/matching/README.md).
 */
export class IndexedOrder implements CandidateOrderRow {
  constructor(
    readonly order_no: string,
    readonly seller_id: string,
    readonly buyer_name: string,
    readonly currency: string,
    /** `kind amount paidAmount dueDate preShipment` per milestone, `;` between them; or their JSON when a value holds a space or `;` (pack). */
    private readonly packed: string,
    readonly created_date: string,
    readonly expected_ship_date: string | null,
    readonly createdMs: number,
    /** Open amount in the currency's minor units. */
    readonly open: bigint,
  ) {}

  get milestones(): Milestone[] {
    if (this.packed === '') return [];
    if (this.packed.startsWith('[')) return JSON.parse(this.packed) as Milestone[];
    return this.packed.split(';').map((m) => {
      const [kind, amount, paidAmount, dueDate, pre] = m.split(' ');
      return { kind: kind as Milestone['kind'], amount, paidAmount, dueDate, preShipment: pre === '1' };
    });
  }

  /** Packs milestones: space- and semicolon-separated when every value allows it, else as JSON. */
  static pack(milestones: readonly Milestone[]): string {
    const parts = milestones.map((m) => [m.kind, m.amount, m.paidAmount, m.dueDate, m.preShipment === true ? '1' : m.preShipment === false ? '0' : null]);
    if (parts.some((p) => p.some((v) => typeof v !== 'string' || v === '' || /[\s;[]/.test(v)))) return JSON.stringify(milestones);
    return parts.map((p) => p.join(' ')).join(';');
  }
}

interface Bucket {
  /** Open orders in the per-wire statements' order: created_at, then order number. */
  orders: IndexedOrder[];
  /** The same orders by open amount (then created_at, order number): a range is a binary search. */
  byOpen: IndexedOrder[];
  /** Each buyer name's open orders, oldest first (the distinct names are its keys). */
  byBuyer: Map<string, IndexedOrder[]>;
  /** The keys of byBuyer as an array, made when first needed after a change. */
  names: string[] | null;
}

interface PaymentIdEntry {
  uetr: string | null;
  e2e: string | null;
  orderNos: string[];
}

interface SellerCopy {
  /** The version it is exact at; null while a batch changes it (until that batch ends). */
  version: string | null;
  /** The version it was loaded or last confirmed at in the current batch (what the batch's end compares with). */
  loadedAt: string;
  settings: IndexSettingsRow | null;
  orders: Map<string, IndexedOrder>;
  buckets: Map<string, Bucket>;
  byUetr: Map<string, PaymentIdEntry[]>;
  byE2e: Map<string, PaymentIdEntry[]>;
  /** payer account -> buyer name -> names a person approved as paying for that buyer from it. */
  payers: Map<string, Map<string, Set<string>>>;
}

export class MatchingIndex {
  private readonly sellers = new Map<string, SellerCopy>();
  private database: string | null = null;
  private orderCount = 0;
  /** Sellers a batch is deciding now (prepared, not yet finished): never evicted under it. */
  private readonly busy = new Map<string, number>();
  private readonly maxOrders: number;
  /** One copy of each repeated string (sellers, currencies, buyer names, dates, paid amounts), bounded. */
  private readonly strings = new Map<string, string>();
  private readonly intern = (value: string): string => {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size < 1_000_000) this.strings.set(value, value);
    return value;
  };
  /** Counters, for the bench and the metrics. */
  readonly stats = { hits: 0, loads: 0, dropped: 0 };

  constructor(options: MatchingIndexOptions = {}) {
    this.maxOrders = options.maxOrders ?? DEFAULT_INDEX_MAX_ORDERS;
  }

  /** How many open orders are held now. */
  get size(): number {
    return this.orderCount;
  }

  /**
   * Makes the copies of these sellers exact (after the caller took their matching locks): one read
   * of their versions, then one load of every seller whose copy is missing or behind.
   */
  async prepare(em: EntityManager, sellerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(sellerIds)].sort();
    if (ids.length === 0) return;
    for (const id of ids) this.busy.set(id, (this.busy.get(id) ?? 0) + 1);
    const repo = new MatchingIndexRepository(em);
    // The versions first, then the data: a change committed in between makes the copy newer than its version, never older.
    const { database, versions } = await repo.versions(ids);
    if (this.database !== database) this.clear(database);
    const stale: string[] = [];
    for (const id of ids) {
      const copy = this.sellers.get(id);
      const version = versions.get(id) ?? '0';
      if (copy && copy.version === version) {
        this.stats.hits++;
        copy.loadedAt = version;
        // Most recently used last.
        this.sellers.delete(id);
        this.sellers.set(id, copy);
      } else {
        if (copy) this.drop(id);
        stale.push(id);
      }
    }
    // In slices: the rows of one statement are in memory at once before they become copies.
    for (let from = 0; from < stale.length; from += LOAD_SLICE) await this.load(repo, stale.slice(from, from + LOAD_SLICE), versions);
    this.evict();
  }

  /** Candidates for each remittance, the same as retrieveCandidatesForBatch reads them (one wire per seller; after prepare). */
  retrieve(remittances: readonly CanonicalRemittance[], sellerOfAccount: ReadonlyMap<string, string>, override: MatchingRuleSet | null = null, limits: RetrievalLimits = RETRIEVAL_LIMITS): LoadedContext[] {
    return remittances.map((remittance) => this.retrieveOne(remittance, sellerOfAccount, override, limits));
  }

  /**
   * What the caller's batch changed (orders it credited, associations it made): re-read in its
   * transaction and put into the copies, which stay unconfirmed until `finish`.
   */
  async applyChanges(em: EntityManager, orderNos: readonly string[], remittanceIds: readonly string[]): Promise<void> {
    if (orderNos.length === 0 && remittanceIds.length === 0) return;
    const repo = new MatchingIndexRepository(em);
    for (const row of await repo.ordersNow([...new Set(orderNos)])) {
      const copy = this.sellers.get(row.seller_id);
      if (!copy) continue;
      copy.version = null;
      this.removeOrder(copy, row.order_no);
      if (row.is_open) this.addOrder(copy, row);
    }
    const { paymentIds, payerAccounts } = await repo.associationsOf([...new Set(remittanceIds)]);
    for (const p of paymentIds) {
      const copy = this.sellers.get(p.seller_id);
      if (!copy) continue;
      copy.version = null;
      addPaymentId(copy, p);
    }
    for (const p of payerAccounts) {
      const copy = this.sellers.get(p.seller_id);
      if (!copy) continue;
      copy.version = null;
      addPayer(copy, p);
    }
  }

  /**
   * At the end of the caller's batch: a copy the batch changed is kept, at the version the batch
   * left, only if every change since it was loaded was the batch's own; one it did not change is
   * kept if nobody changed the seller. Any other is dropped.
   */
  async finish(em: EntityManager, sellerIds: readonly string[]): Promise<void> {
    this.release(sellerIds);
    const ids = [...new Set(sellerIds)].filter((id) => this.sellers.has(id));
    if (ids.length === 0) return;
    for (const v of await new MatchingIndexRepository(em).versionsAtEnd(ids)) {
      const copy = this.sellers.get(v.seller_id);
      if (!copy) continue;
      const changedByUs = copy.version === null;
      if (changedByUs && v.mine && v.base === copy.loadedAt) copy.version = v.version;
      else if (!changedByUs && !v.mine && v.version === copy.loadedAt) copy.version = v.version;
      else this.drop(v.seller_id);
    }
  }

  /** Forgets these sellers (a batch that failed after changing them). */
  forget(sellerIds: readonly string[]): void {
    this.release(sellerIds);
    for (const id of sellerIds) if (this.sellers.has(id)) this.drop(id);
  }

  private release(sellerIds: readonly string[]): void {
    for (const id of new Set(sellerIds)) {
      const n = (this.busy.get(id) ?? 1) - 1;
      if (n > 0) this.busy.set(id, n);
      else this.busy.delete(id);
    }
  }

  private retrieveOne(remittance: CanonicalRemittance, sellerOfAccount: ReadonlyMap<string, string>, override: MatchingRuleSet | null, limits: RetrievalLimits): LoadedContext {
    const empty: LoadedContext = { sellerId: null, reviewPolicy: DEFAULT_REVIEW_POLICY, context: { ...(override ?? DEFAULT_RULE_SET), seller: null, orders: [], knownPaymentIds: [], knownPayerAccounts: [] } };
    const account = remittance.beneficiary.account ? normaliseAccount(remittance.beneficiary.account) : null;
    const sellerId = account ? sellerOfAccount.get(account) : undefined;
    if (!sellerId) return empty;
    const copy = this.sellers.get(sellerId);
    if (!copy) throw new Error(`matching index: seller ${sellerId} was not prepared`);
    const s = copy.settings;
    const rules: MatchingRuleSet = override ?? { ...DEFAULT_RULE_SET, chargeTolerance: s ? { percent: s.charge_tolerance_percent, absolute: s.charge_tolerance_absolute } : null };
    const reviewPolicy = (s?.review_policy as ReviewPolicy | undefined) ?? DEFAULT_REVIEW_POLICY;
    const payerKey = payerAccountKey(remittance.payer);
    const payerAccount = payerKey ? normaliseAccount(payerKey) : null;
    const uetr = remittance.uetr?.toLowerCase() ?? null;
    const e2e = remittance.endToEndId;

    const entries = [...(uetr ? (copy.byUetr.get(uetr) ?? []) : []), ...(e2e ? (copy.byE2e.get(e2e) ?? []) : [])];
    const paymentIds = sortPaymentIds(entries.flatMap((e) => e.orderNos.map((no) => ({ order_no: no, uetr: e.uetr, end_to_end_id: e.e2e }))));
    const openByNumber = (orderNos: readonly string[]): CandidateOrderRow[] => [...new Set(orderNos)].flatMap((no) => {
      const o = copy.orders.get(no);
      return o ? [o] : [];
    });
    const accountBuyers: KnownPayerAccountRow[] = [];
    if (payerAccount && payerAccount.length >= 4) {
      const buyers = copy.payers.get(payerAccount);
      if (buyers) for (const name of [...buyers.keys()].sort().slice(0, 20)) accountBuyers.push({ buyer_name: name, confirmed_names: [...(buyers.get(name) ?? [])].sort() });
    }

    const bucket = copy.buckets.get(remittance.currency);
    const all = bucket?.orders ?? [];
    let open: CandidateOrderRow[];
    if (all.length <= limits.openOrdersCap) {
      open = [...all];
    } else {
      const names = remittance.payer.name && bucket ? buyersNamedLike(remittance.payer.name, namesOf(bucket).slice(0, BUYER_NAMES_LIMIT), rules.names ?? DEFAULT_NAME_MATCH) : [];
      const wanted = new Set([...names, ...accountBuyers.map((b) => b.buyer_name)]);
      const low = toMinorUnits(remittance.amount, remittance.currency);
      const high = toMinorUnits(openAmountCeiling(remittance, rules), remittance.currency);
      // Each the oldest first, as the statements' `order by created_at, order_no limit N`.
      const byNames = bucket ? [...wanted].flatMap((name) => bucket.byBuyer.get(name) ?? []).sort(compareOrders).slice(0, limits.buyerOrdersLimit) : [];
      const byAmount = bucket ? inOpenRange(bucket.byOpen, low, high).sort(compareOrders).slice(0, limits.narrowedLimit) : [];
      open = [...byNames, ...byAmount];
    }
    return assembleContext({
      sellerId,
      reviewPolicy,
      rules,
      payerAccount,
      quoted: openByNumber(orderNumbersFor(remittance)),
      byPaymentId: openByNumber(paymentIds.map((p) => p.order_no)),
      open,
      paymentIds,
      accountBuyers,
    });
  }

  private async load(repo: MatchingIndexRepository, sellerIds: string[], versions: ReadonlyMap<string, string>): Promise<void> {
    const [orders, paymentIds, payerAccounts, settings] = [await repo.openOrders(sellerIds), await repo.paymentIds(sellerIds), await repo.payerAccounts(sellerIds), await repo.settings(sellerIds)];
    const settingsOf = new Map(settings.map((s) => [s.seller_id, s]));
    for (const id of sellerIds) {
      const version = versions.get(id) ?? '0';
      this.sellers.set(id, { version, loadedAt: version, settings: settingsOf.get(id) ?? null, orders: new Map(), buckets: new Map(), byUetr: new Map(), byE2e: new Map(), payers: new Map() });
    }
    // Appended unsorted, then each list sorted once (inserting one by one in order would be quadratic).
    const touched = new Set<Bucket>();
    for (const row of orders) {
      const copy = this.sellers.get(row.seller_id);
      if (copy) touched.add(this.addOrder(copy, row, false));
    }
    for (const bucket of touched) {
      bucket.orders.sort(compareOrders);
      bucket.byOpen.sort(compareByOpen);
      for (const list of bucket.byBuyer.values()) list.sort(compareOrders);
    }
    for (const p of paymentIds) {
      const copy = this.sellers.get(p.seller_id);
      if (copy) addPaymentId(copy, p);
    }
    for (const p of payerAccounts) {
      const copy = this.sellers.get(p.seller_id);
      if (copy) addPayer(copy, p);
    }
    this.stats.loads += sellerIds.length;
  }

  /** Adds an open order to its seller's copy; `sorted: false` appends (the caller sorts the lists after a load). Returns its bucket. */
  private addOrder(copy: SellerCopy, row: IndexOrderRow, sorted = true): Bucket {
    const created = row.created_at instanceof Date ? row.created_at : new Date(row.created_at);
    const i = this.intern;
    const order = new IndexedOrder(
      row.order_no,
      i(row.seller_id),
      i(row.buyer_name),
      i(row.currency),
      IndexedOrder.pack(row.milestones),
      i(row.created_date),
      row.expected_ship_date === null ? null : i(row.expected_ship_date),
      created.getTime(),
      toMinorUnits(row.open_amount, row.currency),
    );
    copy.orders.set(row.order_no, order);
    let bucket = copy.buckets.get(row.currency);
    if (!bucket) copy.buckets.set(row.currency, (bucket = { orders: [], byOpen: [], byBuyer: new Map(), names: null }));
    const add = sorted ? insertSorted : (list: IndexedOrder[], item: IndexedOrder) => void list.push(item);
    add(bucket.orders, order, compareOrders);
    add(bucket.byOpen, order, compareByOpen);
    const ofBuyer = bucket.byBuyer.get(order.buyer_name);
    if (ofBuyer) add(ofBuyer, order, compareOrders);
    else {
      bucket.byBuyer.set(order.buyer_name, [order]);
      bucket.names = null;
    }
    this.orderCount++;
    return bucket;
  }

  private removeOrder(copy: SellerCopy, orderNo: string): void {
    const order = copy.orders.get(orderNo);
    if (!order) return;
    copy.orders.delete(orderNo);
    const bucket = copy.buckets.get(order.currency);
    if (bucket) {
      removeSorted(bucket.orders, order, compareOrders);
      removeSorted(bucket.byOpen, order, compareByOpen);
      const ofBuyer = bucket.byBuyer.get(order.buyer_name);
      if (ofBuyer) removeSorted(ofBuyer, order, compareOrders);
      if (ofBuyer?.length === 0) {
        bucket.byBuyer.delete(order.buyer_name);
        bucket.names = null;
      }
    }
    this.orderCount--;
  }

  private drop(sellerId: string): void {
    const copy = this.sellers.get(sellerId);
    if (!copy) return;
    this.orderCount -= copy.orders.size;
    this.sellers.delete(sellerId);
    this.stats.dropped++;
  }

  private clear(database: string): void {
    this.sellers.clear();
    this.strings.clear();
    this.orderCount = 0;
    this.database = database;
  }

  /** Drops the least recently used sellers beyond the bound (never one that a batch is deciding). */
  private evict(): void {
    if (this.orderCount <= this.maxOrders) return;
    for (const id of [...this.sellers.keys()]) {
      if (this.orderCount <= this.maxOrders) break;
      if (!this.busy.has(id)) this.drop(id);
    }
  }
}

function namesOf(bucket: Bucket): string[] {
  return (bucket.names ??= [...bucket.byBuyer.keys()]);
}

function compareByOpen(a: IndexedOrder, b: IndexedOrder): number {
  return a.open < b.open ? -1 : a.open > b.open ? 1 : compareOrders(a, b);
}

/** The first index whose element is not before `item` (appending, the common case on a load, without a search). */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  if (list.length === 0 || compare(list[list.length - 1], item) < 0) return list.length;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  const at = lowerBound(list, item, compare);
  if (at === list.length) list.push(item);
  else list.splice(at, 0, item);
}

function removeSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  const at = lowerBound(list, item, compare);
  if (list[at] === item) list.splice(at, 1);
  else {
    // Not where its keys say (cannot happen while they never change in place): search it.
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  }
}

/** Orders whose open amount lies in [low, high] (byOpen is sorted by it). */
function inOpenRange(byOpen: readonly IndexedOrder[], low: bigint, high: bigint): IndexedOrder[] {
  let lo = 0;
  let hi = byOpen.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byOpen[mid].open < low) lo = mid + 1;
    else hi = mid;
  }
  const out: IndexedOrder[] = [];
  for (let i = lo; i < byOpen.length && byOpen[i].open <= high; i++) out.push(byOpen[i]);
  return out;
}

function compareOrders(a: IndexedOrder, b: IndexedOrder): number {
  return a.createdMs - b.createdMs || (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0);
}

function addPaymentId(copy: SellerCopy, p: IndexPaymentIdRow): void {
  const entry: PaymentIdEntry = { uetr: p.uetr, e2e: p.end_to_end_id, orderNos: p.order_nos };
  if (p.uetr) copy.byUetr.set(p.uetr, [...(copy.byUetr.get(p.uetr) ?? []), entry]);
  if (p.end_to_end_id) copy.byE2e.set(p.end_to_end_id, [...(copy.byE2e.get(p.end_to_end_id) ?? []), entry]);
}

function addPayer(copy: SellerCopy, p: IndexPayerAccountRow): void {
  let buyers = copy.payers.get(p.payer_account);
  if (!buyers) copy.payers.set(p.payer_account, (buyers = new Map<string, Set<string>>()));
  let names = buyers.get(p.buyer_name);
  if (!names) buyers.set(p.buyer_name, (names = new Set<string>()));
  for (const n of p.confirmed_names ?? []) names.add(n);
}
