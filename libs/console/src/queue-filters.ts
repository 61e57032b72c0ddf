import type { Principal } from '@ereceipt/auth';
import { parseAmountSearch, queueCategories, type QueueCategory, type QueueRequest, reportFilter } from '@ereceipt/reports';
import type { QueueFilters } from './queue.page';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** Rows per page of the console's queue: 50 unless 100 or 200 is asked for. */
export const QUEUE_PAGE_SIZES = [50, 100, 200] as const;

/**
 * The queue page's GET parameters, as typed (so the form shows them back), and the request they
 * make. A bad amount or cursor is a domain error the page shows (reportFilter, parseAmountSearch).
 */
export function queueFilters(q: Record<string, unknown>): QueueFilters {
  const to = isDay(q.to) ? q.to : day(Date.now());
  const from = isDay(q.from) ? q.from : day(Date.parse(to) - 89 * DAY);
  const category = queueCategories.includes(q.category as QueueCategory) ? (q.category as QueueCategory) : 'waiting';
  const currency = typeof q.currency === 'string' && /^[A-Za-z]{3}$/.test(q.currency) ? q.currency.toUpperCase() : '';
  const minAgeDays = typeof q.minAgeDays === 'string' && /^\d{1,4}$/.test(q.minAgeDays) ? q.minAgeDays : '';
  const sort = q.sort === 'amount' || q.sort === 'currency' ? q.sort : 'age';
  const order = q.order === 'desc' ? 'desc' : 'asc';
  const cursor = text(q.cursor, 300);
  const page = cursor && typeof q.page === 'string' && /^\d{1,6}$/.test(q.page) ? Math.max(1, Number(q.page)) : 1;
  const seller = typeof q.seller === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q.seller) ? q.seller : '';
  const size = QUEUE_PAGE_SIZES.find((n) => String(n) === q.size) ?? QUEUE_PAGE_SIZES[0];
  return {
    from, to, category, currency, seller, minAgeDays, sort, order, cursor, page, size,
    amount: text(q.amount, 40), payer: text(q.payer, 140), reference: text(q.reference, 140), orderNo: text(q.orderNo, 32),
  };
}

export function queueRequest(f: QueueFilters, principal: Principal): QueueRequest {
  return {
    filter: reportFilter({ from: f.from, to: f.to, currency: f.currency || null, sellerId: f.seller || null }, principal),
    category: f.category,
    sort: f.sort,
    order: f.order,
    cursor: f.cursor || null,
    limit: f.size,
    minAgeDays: f.minAgeDays ? Number(f.minAgeDays) : null,
    amount: parseAmountSearch(f.amount),
    payer: f.payer || null,
    reference: f.reference || null,
    orderNo: /^[A-Za-z0-9-]{1,32}$/.test(f.orderNo) ? f.orderNo : null,
  };
}

/** The filters of a `back` link (`/console/queue?...`) a bulk form posts. */
export function filtersOfBack(back: unknown): QueueFilters {
  const s = typeof back === 'string' && back.startsWith('/console/queue') ? back : '/console/queue';
  const i = s.indexOf('?');
  return queueFilters(Object.fromEntries(new URLSearchParams(i < 0 ? '' : s.slice(i + 1))));
}
