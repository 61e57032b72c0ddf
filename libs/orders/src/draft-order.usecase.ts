import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { addAmounts } from '@ereceipt/money';
import { validateOrder } from './order-draft.rules';
import { assignDraft, OrderEntity } from './order.entity';
import { assertSellerMayDraft, toOrderView } from './order-access';
import type { OrderInput } from './order-input.rules';
import { formatOrderNumber } from './order-number.rules';
import type { OrderViewDto } from './order-view.dto';

/**
 * The seller drafts an order (a seller token for itself; an admin names the seller). Only an
 * APPROVED seller drafts, and only in a currency it has a collection account for. The number comes
 * from `order_number_seq`; the year is the drafting year (UTC). Nothing is published for a draft.
 */
@Injectable()
export class DraftOrder {
  constructor(private readonly orm: MikroORM) {}

  async execute(input: OrderInput & { sellerId?: string }, principal: Principal): Promise<OrderViewDto> {
    const sellerId = principal.role === 'seller' ? principal.sellerId : input.sellerId;
    if (!sellerId) {
      if (principal.role === 'seller') throw new DomainError('ORDERS.NO_SELLER', 'this seller token is bound to no seller', 'forbidden');
      throw new DomainError('ORDERS.INVALID', 'sellerId: an admin must name the seller the order is for', 'invalid', { issues: [{ field: 'sellerId', message: 'required for admin tokens' }] });
    }
    return toOrderView(await this.within(this.orm.em.fork(), sellerId, input));
  }

  /**
   * Drafts inside the caller's unit of work (the API above, or the ERP feed inside the inbound
   * pipeline's transaction): validates, checks the seller, numbers and flushes the new DRAFT.
   */
  async within(em: EntityManager, sellerId: string, input: OrderInput): Promise<OrderEntity> {
    const draft = validateOrder(input);
    await assertSellerMayDraft(em, sellerId, draft.currency);
    const [{ n }] = await em.execute<Array<{ n: string }>>(`select nextval('order_number_seq')::text as n`);
    const now = new Date();
    const order = em.create(OrderEntity, {
      id: randomUUID(), orderNo: formatOrderNumber(now.getUTCFullYear(), BigInt(n)), sellerId, paidAmount: addAmounts(draft.currency),
      lifecycleStatus: 'DRAFT', paymentStatus: 'UNPAID', fulfilmentStatus: 'NOT_SHIPPED', cancelReason: null, createdAt: now, updatedAt: now, submittedAt: null, cancelledAt: null,
    } as OrderEntity);
    assignDraft(order, draft);
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw new DomainError('ORDERS.DUPLICATE_EXTERNAL_ID', `externalOrderId: seller ${sellerId} already has an order ${draft.externalOrderId}`, 'conflict');
      throw e;
    }
    return order;
  }
}
