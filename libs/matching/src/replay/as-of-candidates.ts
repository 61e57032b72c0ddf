import { fromMinorUnits, toMinorUnits } from '@ereceipt/money';
import { fillMilestones } from '@ereceipt/orders';
import type { CandidateOrderRow, CandidateSource, KnownPayerAccountRow, KnownPaymentIdRow } from '../infrastructure/candidate-orders.repository';
import type { SellerMatchingSettings } from '../matching-settings.entity';
import { associationStatusAt, type OrderPayments, type OrderRecord, orderPaymentsAt, type SellerHistory, settingsAt } from './replay-history';

/** A virtual collection account and when it was opened (a wire before that was on an unknown account). */
export interface AccountRecord {
  sellerId: string;
  createdAt: Date;
}

/** An order's total and what its milestones add up to, in minor units (computed once per order record). */
const minorTotals = new WeakMap<OrderRecord, { total: bigint; milestones: bigint }>();
function totalsOf(order: OrderRecord): { total: bigint; milestones: bigint } {
  let totals = minorTotals.get(order);
  if (!totals) {
    totals = { total: toMinorUnits(order.total, order.currency), milestones: order.milestones.reduce((sum, m) => sum + toMinorUnits(m.amount, order.currency), 0n) };
    minorTotals.set(order, totals);
  }
  return totals;
}

/** A seller's orders per currency, oldest first (what the open-order queries order by), computed once per history. */
const ordersByCurrency = new WeakMap<SellerHistory, Map<string, OrderRecord[]>>();
function sellerOrdersIn(history: SellerHistory, currency: string): OrderRecord[] {
  let groups = ordersByCurrency.get(history);
  if (!groups) {
    groups = new Map();
    for (const order of history.orders.values()) {
      const list = groups.get(order.currency);
      if (list) list.push(order);
      else groups.set(order.currency, [order]);
    }
    for (const list of groups.values()) list.sort(byAge);
    ordersByCurrency.set(history, groups);
  }
  return groups.get(currency) ?? [];
}

const byAge = (a: OrderRecord, b: OrderRecord): number => a.createdAt.getTime() - b.createdAt.getTime() || (a.orderNo < b.orderNo ? -1 : a.orderNo > b.orderNo ? 1 : 0);
const NOTHING: OrderPayments = { paid: 0n, settled: 0n };

/**
 * The candidate source of a replay: the same questions `CandidateOrdersRepository` asks the live
 * tables, answered from a seller's history as it stood just before `at` (the decision's instant),
 * without the replayed remittance's own associations. Open = submitted before `at`, not cancelled
 * before it, and not fully settled by the associations live then. Pure (no I/O); sums in minor
 * units, and rows (milestones refilled) built only for the orders it returns.
 */
export class AsOfCandidates implements CandidateSource {
  private payments: Map<string, OrderPayments> | null = null;
  private readonly openByCurrency = new Map<string, OrderRecord[]>();

  constructor(
    private readonly accounts: ReadonlyMap<string, AccountRecord>,
    private readonly history: SellerHistory,
    private readonly at: Date,
    private readonly remittanceId: string,
  ) {}

  sellerOfAccount(accountNumber: string): Promise<string | null> {
    const account = this.accounts.get(accountNumber);
    return Promise.resolve(account && account.createdAt <= this.at ? account.sellerId : null);
  }

  settingsOf(sellerId: string): Promise<SellerMatchingSettings | null> {
    return Promise.resolve(sellerId === this.history.sellerId ? settingsAt(this.history.settings, this.at) : null);
  }

  byOrderNumbers(sellerId: string, orderNos: string[]): Promise<CandidateOrderRow[]> {
    const open = orderNos.flatMap((no) => {
      const order = this.history.orders.get(no);
      return order && order.sellerId === sellerId && this.isOpen(order) ? [order] : [];
    });
    return Promise.resolve(open.map((o) => this.row(o)));
  }

  countOpen(sellerId: string, currency: string, upTo: number): Promise<number> {
    return Promise.resolve(Math.min(this.openIn(sellerId, currency).length, upTo));
  }

  open(sellerId: string, currency: string, limit: number): Promise<CandidateOrderRow[]> {
    return Promise.resolve(this.openIn(sellerId, currency).slice(0, limit).map((o) => this.row(o)));
  }

  openBuyerNames(sellerId: string, currency: string, limit: number): Promise<string[]> {
    return Promise.resolve([...new Set(this.openIn(sellerId, currency).map((o) => o.buyerName))].slice(0, limit));
  }

  byBuyerNames(sellerId: string, currency: string, names: string[], limit: number): Promise<CandidateOrderRow[]> {
    const wanted = new Set(names);
    return Promise.resolve(this.openIn(sellerId, currency).filter((o) => wanted.has(o.buyerName)).slice(0, limit).map((o) => this.row(o)));
  }

  byOpenAmount(sellerId: string, currency: string, low: string, high: string, limit: number): Promise<CandidateOrderRow[]> {
    const [lo, hi] = [toMinorUnits(low, currency), toMinorUnits(high, currency)];
    const fits = this.openIn(sellerId, currency).filter((o) => {
      const due = totalsOf(o).total - this.paymentsOf(o.orderNo).paid;
      return due >= lo && due <= hi;
    });
    return Promise.resolve(fits.slice(0, limit).map((o) => this.row(o)));
  }

  knownPaymentIds(sellerId: string, uetr: string | null, endToEndId: string | null): Promise<KnownPaymentIdRow[]> {
    const seen = new Map<string, KnownPaymentIdRow>();
    for (const a of this.liveAssociations(sellerId, ['PROPOSED', 'APPROVED'])) {
      const hit = (uetr !== null && a.uetr === uetr) || (endToEndId !== null && a.endToEndId === endToEndId);
      if (!hit) continue;
      for (const al of a.allocations) seen.set(`${al.orderNo}|${a.uetr}|${a.endToEndId}`, { order_no: al.orderNo, uetr: a.uetr, end_to_end_id: a.endToEndId });
    }
    return Promise.resolve([...seen.values()]);
  }

  knownPayerAccounts(sellerId: string, payerAccount: string): Promise<KnownPayerAccountRow[]> {
    const buyers = new Map<string, Set<string>>();
    for (const a of this.liveAssociations(sellerId, ['APPROVED'])) {
      if (a.payerAccount !== payerAccount) continue;
      const byPerson = a.events.some((e) => e.at < this.at && e.actor !== 'system');
      for (const al of a.allocations) {
        const order = this.history.orders.get(al.orderNo);
        if (!order) continue;
        const names = buyers.get(order.buyerName) ?? new Set<string>();
        if (byPerson && a.payerName) names.add(a.payerName);
        buyers.set(order.buyerName, names);
      }
    }
    const rows = [...buyers.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).slice(0, 20);
    return Promise.resolve(rows.map(([buyer_name, names]) => ({ buyer_name, confirmed_names: [...names].sort() })));
  }

  private liveAssociations(sellerId: string, statuses: readonly string[]) {
    return this.history.associations.filter((a) => {
      if (a.sellerId !== sellerId || a.remittanceId === this.remittanceId) return false;
      const status = associationStatusAt(a, this.at);
      return status !== null && statuses.includes(status);
    });
  }

  private paymentsOf(orderNo: string): OrderPayments {
    this.payments ??= orderPaymentsAt(this.history, this.at, this.remittanceId);
    return this.payments.get(orderNo) ?? NOTHING;
  }

  /** Open at the instant: asked to pay before it, not cancelled before it, something still due. */
  private isOpen(order: OrderRecord): boolean {
    if (!order.submittedAt || order.submittedAt >= this.at) return false;
    if (order.cancelledAt && order.cancelledAt < this.at) return false;
    return this.paymentsOf(order.orderNo).settled < totalsOf(order).milestones;
  }

  /** The order as the candidate query returns it, its milestones filled as they were at the instant. */
  private row(order: OrderRecord): CandidateOrderRow {
    const settled = fromMinorUnits(this.paymentsOf(order.orderNo).settled, order.currency);
    return {
      order_no: order.orderNo,
      seller_id: order.sellerId,
      buyer_name: order.buyerName,
      currency: order.currency,
      milestones: fillMilestones(order.milestones.map((m) => ({ ...m, paidAmount: '0' })), settled, order.currency),
      created_date: order.createdDate,
      expected_ship_date: order.expectedShipDate,
    };
  }

  private openIn(sellerId: string, currency: string): OrderRecord[] {
    const cached = this.openByCurrency.get(currency);
    if (cached) return cached;
    const rows = sellerOrdersIn(this.history, currency).filter((o) => o.sellerId === sellerId && this.isOpen(o));
    this.openByCurrency.set(currency, rows);
    return rows;
  }
}
