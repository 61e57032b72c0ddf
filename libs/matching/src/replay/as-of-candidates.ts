import { compareAmounts, subtractAmounts } from '@ereceipt/money';
import { fillMilestones } from '@ereceipt/orders';
import type { CandidateOrderRow, CandidateSource, KnownPaymentIdRow } from '../infrastructure/candidate-orders.repository';
import { associationStatusAt, type OrderPayments, type OrderRecord, orderPaymentsAt, type SellerHistory } from './replay-history';

/** A virtual collection account and when it was opened (a wire before that was on an unknown account). */
export interface AccountRecord {
  sellerId: string;
  createdAt: Date;
}

const byAge = (a: CandidateOrderRow & { createdAt: Date }, b: CandidateOrderRow & { createdAt: Date }): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.order_no < b.order_no ? -1 : a.order_no > b.order_no ? 1 : 0);

/**
 * The candidate source of a replay: the same questions `CandidateOrdersRepository` asks the live
 * tables, answered from a seller's history as it stood just before `at` (the decision's instant),
 * without the replayed remittance's own associations. Open = submitted before `at`, not cancelled
 * before it, and not fully settled by the associations live then. Pure (no I/O).
 */
export class AsOfCandidates implements CandidateSource {
  private payments: Map<string, OrderPayments> | null = null;
  private readonly openByCurrency = new Map<string, Array<CandidateOrderRow & { createdAt: Date }>>();

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

  byOrderNumbers(sellerId: string, orderNos: string[]): Promise<CandidateOrderRow[]> {
    const rows = orderNos.flatMap((no) => {
      const order = this.history.orders.get(no);
      const row = order && order.sellerId === sellerId ? this.openRow(order) : null;
      return row ? [row] : [];
    });
    return Promise.resolve(rows);
  }

  countOpen(sellerId: string, currency: string, upTo: number): Promise<number> {
    return Promise.resolve(Math.min(this.openIn(sellerId, currency).length, upTo));
  }

  open(sellerId: string, currency: string, limit: number): Promise<CandidateOrderRow[]> {
    return Promise.resolve(this.openIn(sellerId, currency).slice(0, limit));
  }

  openBuyerNames(sellerId: string, currency: string, limit: number): Promise<string[]> {
    return Promise.resolve([...new Set(this.openIn(sellerId, currency).map((o) => o.buyer_name))].slice(0, limit));
  }

  byBuyerNames(sellerId: string, currency: string, names: string[], limit: number): Promise<CandidateOrderRow[]> {
    const wanted = new Set(names);
    return Promise.resolve(this.openIn(sellerId, currency).filter((o) => wanted.has(o.buyer_name)).slice(0, limit));
  }

  byOpenAmount(sellerId: string, currency: string, low: string, high: string, limit: number): Promise<CandidateOrderRow[]> {
    const fits = this.openIn(sellerId, currency).filter((o) => {
      const order = this.history.orders.get(o.order_no);
      if (!order) return false;
      const due = subtractAmounts(currency, order.total, this.paymentsOf(o.order_no).paid);
      return compareAmounts(due, low) >= 0 && compareAmounts(due, high) <= 0;
    });
    return Promise.resolve(fits.slice(0, limit));
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

  knownPayerAccounts(sellerId: string, payerAccount: string): Promise<Array<{ buyer_name: string }>> {
    const names = new Set<string>();
    for (const a of this.liveAssociations(sellerId, ['APPROVED'])) {
      if (a.payerAccount !== payerAccount) continue;
      for (const al of a.allocations) {
        const order = this.history.orders.get(al.orderNo);
        if (order) names.add(order.buyerName);
      }
    }
    return Promise.resolve([...names].slice(0, 20).map((buyer_name) => ({ buyer_name })));
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
    return this.payments.get(orderNo) ?? { paid: '0', settled: '0' };
  }

  /** The order as the candidate query returns it, when it was open at the instant; else null. */
  private openRow(order: OrderRecord): (CandidateOrderRow & { createdAt: Date }) | null {
    if (!order.submittedAt || order.submittedAt >= this.at) return null;
    if (order.cancelledAt && order.cancelledAt < this.at) return null;
    const milestones = fillMilestones(
      order.milestones.map((m) => ({ ...m, paidAmount: '0' })),
      this.paymentsOf(order.orderNo).settled,
      order.currency,
    );
    if (milestones.every((m) => compareAmounts(m.paidAmount, m.amount) >= 0)) return null;
    return {
      order_no: order.orderNo,
      seller_id: order.sellerId,
      buyer_name: order.buyerName,
      currency: order.currency,
      milestones,
      created_date: order.createdDate,
      expected_ship_date: order.expectedShipDate,
      createdAt: order.createdAt,
    };
  }

  private openIn(sellerId: string, currency: string): Array<CandidateOrderRow & { createdAt: Date }> {
    const cached = this.openByCurrency.get(currency);
    if (cached) return cached;
    const rows: Array<CandidateOrderRow & { createdAt: Date }> = [];
    for (const order of this.history.orders.values()) {
      if (order.sellerId !== sellerId || order.currency !== currency) continue;
      const row = this.openRow(order);
      if (row) rows.push(row);
    }
    rows.sort(byAge);
    this.openByCurrency.set(currency, rows);
    return rows;
  }
}
