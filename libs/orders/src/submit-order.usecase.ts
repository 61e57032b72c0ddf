import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, orderSubmittedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { draftOf, type OrderEntity } from './order.entity';
import { lockOrder, toOrderView } from './order-access';
import { decide } from './order-state.rules';
import type { OrderViewDto } from './order-view.dto';

/**
 * DRAFT -> SUBMITTED, and `ereceipt.order.submitted.v1` (keyed by the order number) into the outbox
 * in the same transaction; the payment-reminder mail hangs off that event (later).
 */
@Injectable()
export class SubmitOrder {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, principal: Principal): Promise<OrderViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      await this.within(em, order);
      return toOrderView(order);
    });
  }

  /**
   * Submits an order the caller has loaded and locked, inside the caller's transaction (the API
   * above, or the ERP feed with `submit: true`). Throws a 409 DomainError if it is not a DRAFT.
   */
  async within(em: EntityManager, order: OrderEntity): Promise<void> {
    const next = decide({ lifecycle: order.lifecycleStatus, payment: order.paymentStatus, fulfilment: order.fulfilmentStatus }, 'SUBMIT');
    if (!next.ok) throw new DomainError(next.code, `order ${order.orderNo}: ${next.reason}`, 'conflict');
    const now = new Date();
    order.lifecycleStatus = 'SUBMITTED';
    order.submittedAt = now;
    order.updatedAt = now;
    await em.flush();
    const outbox = new OutboxWriter(em);
    await outbox.appendEvent(orderSubmittedV1, {
      key: order.orderNo,
      data: { ...draftOf(order), orderNo: order.orderNo, sellerId: order.sellerId, lifecycleStatus: 'SUBMITTED', submittedAt: now.toISOString() },
    });
    await outbox.notifyRelay();
  }
}
