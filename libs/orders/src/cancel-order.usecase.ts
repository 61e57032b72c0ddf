import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, orderCancelledV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import type { OrderEntity } from './order.entity';
import { lockOrder, toOrderView } from './order-access';
import { decide } from './order-state.rules';
import type { OrderViewDto } from './order-view.dto';

/**
 * Cancels an open order until the first money arrives (409 afterwards, and for COMPLETED or
 * CANCELLED orders). A submitted order publishes `ereceipt.order.cancelled.v1` in the same
 * transaction; a draft publishes nothing, as downstream never heard of it.
 */
@Injectable()
export class CancelOrder {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, reason: string | undefined, principal: Principal): Promise<OrderViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      await this.within(em, order, reason);
      return toOrderView(order);
    });
  }

  /** Cancels an order the caller has loaded and locked, inside the caller's transaction (the API above, or the ERP feed's CANCEL). */
  async within(em: EntityManager, order: OrderEntity, reason: string | undefined): Promise<void> {
    const previous = order.lifecycleStatus;
    const next = decide({ lifecycle: previous, payment: order.paymentStatus, fulfilment: order.fulfilmentStatus }, 'CANCEL');
    if (!next.ok) throw new DomainError(next.code, `order ${order.orderNo}: ${next.reason}`, 'conflict');
    const now = new Date();
    order.lifecycleStatus = 'CANCELLED';
    order.cancelReason = reason?.trim() || null;
    order.cancelledAt = now;
    order.updatedAt = now;
    await em.flush();
    if (previous === 'SUBMITTED' || previous === 'CONFIRMED') {
      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(orderCancelledV1, {
        key: order.orderNo,
        data: { orderNo: order.orderNo, sellerId: order.sellerId, externalOrderId: order.externalOrderId, previousStatus: previous, reason: order.cancelReason, cancelledAt: now.toISOString() },
      });
      await outbox.notifyRelay();
    }
  }
}
