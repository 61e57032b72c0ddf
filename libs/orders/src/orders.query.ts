import { Injectable } from '@nestjs/common';
import { type FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { OrderEntity } from './order.entity';
import { orderNotFound, sellerScope, toOrderView } from './order-access';
import type { ListOrdersQuery, OrderPageDto, OrderViewDto } from './order-view.dto';

const DEFAULT_PAGE = 50;

function encodeCursor(o: OrderEntity): string {
  return Buffer.from(JSON.stringify([o.createdAt.toISOString(), o.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]) && !Number.isNaN(Date.parse(v[0]))) return { createdAt: new Date(v[0]), id: v[1] };
  } catch {
    // reported below
  }
  throw new DomainError('ORDERS.BAD_CURSOR', 'cursor: not a cursor returned by GET /orders (pass nextCursor unchanged)');
}

/** Reads of orders, newest first, keyset paging on (createdAt, id). */
@Injectable()
export class OrderQueries {
  constructor(private readonly orm: MikroORM) {}

  async get(orderNo: string, principal: Principal): Promise<OrderViewDto> {
    const order = await this.orm.em.fork().findOne(OrderEntity, { orderNo: orderNo.trim().toUpperCase(), ...sellerScope(principal) });
    if (!order) throw orderNotFound(orderNo);
    return toOrderView(order);
  }

  async list(query: ListOrdersQuery, principal: Principal): Promise<OrderPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const where: FilterQuery<OrderEntity> = { ...(query.sellerId ? { sellerId: query.sellerId } : {}), ...sellerScope(principal) };
    if (query.externalOrderId) where.externalOrderId = query.externalOrderId;
    if (query.lifecycleStatus) where.lifecycleStatus = query.lifecycleStatus;
    if (query.paymentStatus) where.paymentStatus = query.paymentStatus;
    if (query.currency) where.currency = query.currency;
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }];
    }
    const rows = await this.orm.em.fork().find(OrderEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toOrderView), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }
}
