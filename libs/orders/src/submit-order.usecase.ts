import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, orderSubmittedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { draftOf, type OrderEntity } from './order.entity';
import { lockOrder, toOrderView } from './order-access';
import { decide } from './order-state.rules';
import type { OrderViewDto } from './order-view.dto';
import { actorOf } from './order-access';
import { PaymentReminderQueue } from './payment-reminder.queue';

/**
 * DRAFT -> SUBMITTED: `ereceipt.order.submitted.v1` (keyed by the order number) into the outbox and
 * the first payment reminder into the mail outbox, both in the same transaction, so a submitted
 * order always has its reminder and a rolled-back one never sends it.
 */
@Injectable()
export class SubmitOrder {
  constructor(
    private readonly orm: MikroORM,
    private readonly reminders: PaymentReminderQueue,
  ) {}

  async execute(orderNo: string, principal: Principal): Promise<OrderViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      await this.within(em, order, actorOf(principal));
      return toOrderView(order);
    });
  }

  /**
   * Submits an order the caller has loaded and locked, inside the caller's transaction (the API
   * above, or the ERP feed with `submit: true`). Throws a 409 DomainError if it is not a DRAFT.
   * `requestedBy` names who submitted, for the reminder log (`seller:<token id>`, `erp:<seller id>`).
   */
  async within(em: EntityManager, order: OrderEntity, requestedBy = 'system'): Promise<void> {
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
    await this.reminders.queue(em, order, 'SUBMIT', requestedBy, now);
  }
}
