import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { subtractAmounts } from '@ereceipt/money';
import type { OpenOrdersDto } from './open-orders.dto';

export interface OpenOrdersSearch {
  currency: string | null;
  buyer: string | null;
  /** Inclusive bounds of what is still owed, decimal strings (null: open-ended). */
  owedMin: string | null;
  owedMax: string | null;
  reference: string | null;
  limit: number;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The order finder of manual association (issue 22 §5): a seller's open orders (submitted or
 * confirmed, not fully paid: the partial indexes `ereceipt_order_open_*_idx` of candidate retrieval)
 * by buyer, by what the order or one milestone still owes, or by order number / ERP id, with what
 * each still owes computed exactly (`numeric` in SQL, `@ereceipt/money` here).
 */
@Injectable()
export class OpenOrdersQuery {
  constructor(private readonly orm: MikroORM) {}

  async find(sellerId: string, s: OpenOrdersSearch, principal: Principal): Promise<OpenOrdersDto> {
    if (principal.role === 'seller' && principal.sellerId !== sellerId) throw new DomainError('ORDERS.NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
    const where = [`o.seller_id = ?`, `o.lifecycle_status in ('SUBMITTED', 'CONFIRMED')`, `o.payment_status <> 'PAID'`];
    const params: unknown[] = [sellerId];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (s.currency) add(`o.currency = ?`, s.currency);
    if (s.buyer) add(`o.buyer_name ilike ?`, like(s.buyer));
    if (s.reference) add(`(o.order_no ilike ? or o.external_order_id ilike ?)`, like(s.reference), like(s.reference));
    if (s.owedMin !== null || s.owedMax !== null) {
      const range = (expr: string) => [s.owedMin !== null ? `${expr} >= ?::numeric` : 'true', s.owedMax !== null ? `${expr} <= ?::numeric` : 'true'].join(' and ');
      const bounds = [s.owedMin, s.owedMax].filter((v) => v !== null);
      add(`((${range('(o.total - o.paid_amount)')}) or exists (select 1 from jsonb_array_elements(o.milestones) m where ${range(`((m->>'amount')::numeric - (m->>'paidAmount')::numeric)`)}))`, ...bounds, ...bounds);
    }
    const rows = await this.orm.em.fork().execute<Array<{ order_no: string; external_order_id: string | null; buyer_name: string; currency: string; total: string; paid_amount: string; payment_status: string; created_at: Date; milestones: Array<{ kind: string; amount: string; paidAmount: string; dueDate: string }> }>>(
      `select o.order_no, o.external_order_id, o.buyer_name, o.currency, o.total::text as total, o.paid_amount::text as paid_amount, o.payment_status, o.created_at, o.milestones
       from ereceipt_order o where ${where.join(' and ')} order by o.created_at, o.order_no limit ?`,
      [...params, s.limit + 1],
    );
    return {
      more: rows.length > s.limit,
      orders: rows.slice(0, s.limit).map((o) => ({
        orderNo: o.order_no, externalOrderId: o.external_order_id, buyerName: o.buyer_name, currency: o.currency,
        total: subtractAmounts(o.currency, o.total, '0'), paidAmount: subtractAmounts(o.currency, o.paid_amount, '0'), owed: subtractAmounts(o.currency, o.total, o.paid_amount),
        paymentStatus: o.payment_status, createdAt: new Date(o.created_at).toISOString(),
        milestones: o.milestones.map((m) => ({ kind: m.kind, amount: m.amount, paidAmount: m.paidAmount, owed: subtractAmounts(o.currency, m.amount, m.paidAmount), dueDate: m.dueDate })),
      })),
    };
  }
}
