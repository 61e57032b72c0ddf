import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode, MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { completeIfFinished, OrderEntity, orderNotFound } from '@ereceipt/orders';
import { ReceiptConfirmationEntity } from './fulfillment.entities';
import type { ReceiptConfirmationDto } from './shipments.dto';

export interface ReceiptSource {
  address: string;
  userAgent: string | null;
}

/**
 * The buyer confirms receipt of the goods on the signed page (docs/domain.md §4): only once everything
 * has shipped (409 before). The buyer's word counts as delivery: fulfilment DELIVERED, and the order
 * completes if it is fully paid (otherwise it completes when the payment lands). Recorded with time
 * and source address; confirming again returns the first confirmation.
 */
@Injectable()
export class ConfirmReceipt {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, source: ReceiptSource): Promise<ReceiptConfirmationDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await em.findOne(OrderEntity, { orderNo }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!order || order.lifecycleStatus === 'DRAFT') throw orderNotFound(orderNo);
      const existing = await em.findOne(ReceiptConfirmationEntity, { orderId: order.id });
      if (existing) return { orderNo, confirmedAt: existing.confirmedAt.toISOString(), alreadyConfirmed: true, completed: order.lifecycleStatus === 'COMPLETED', lifecycleStatus: order.lifecycleStatus };
      if (order.lifecycleStatus === 'CANCELLED') throw new DomainError('FULFILLMENT.ORDER_NOT_OPEN', `order ${orderNo} was cancelled`, 'conflict');
      if (order.fulfilmentStatus !== 'SHIPPED' && order.fulfilmentStatus !== 'DELIVERED') {
        throw new DomainError('FULFILLMENT.NOT_SHIPPED', `order ${orderNo} is ${order.fulfilmentStatus.toLowerCase().replace('_', ' ')}; receipt can be confirmed once everything has shipped`, 'conflict');
      }
      const now = new Date();
      em.create(ReceiptConfirmationEntity, { id: randomUUID(), orderId: order.id, orderNo, confirmedAt: now, sourceAddress: source.address.slice(0, 64), userAgent: source.userAgent?.slice(0, 1000) ?? null });
      order.fulfilmentStatus = 'DELIVERED';
      order.updatedAt = now;
      await em.flush();
      const completed = await completeIfFinished(em, order, 'RECEIPT_CONFIRMED', now);
      return { orderNo, confirmedAt: now.toISOString(), alreadyConfirmed: false, completed, lifecycleStatus: order.lifecycleStatus };
    });
  }
}
