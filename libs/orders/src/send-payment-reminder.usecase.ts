import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { OrderReminderEntity } from './buyer-activity.entities';
import { actorOf, lockOrder } from './order-access';
import { PaymentReminderQueue } from './payment-reminder.queue';
import { mayResendReminder } from './reminder-rate.rules';
import type { ReminderSentDto } from './reminder.dto';

/**
 * `POST /orders/{orderNo}/reminders`: the seller sends the payment reminder again (a new signed
 * link, what is still due). Only for a submitted order with money still due; rate-limited per
 * order (429 with Retry-After, reminder-rate.rules.ts). The order's row lock serialises two clicks.
 */
@Injectable()
export class SendPaymentReminder {
  constructor(
    private readonly orm: MikroORM,
    private readonly reminders: PaymentReminderQueue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(orderNo: string, principal: Principal): Promise<ReminderSentDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      if (order.lifecycleStatus !== 'SUBMITTED' && order.lifecycleStatus !== 'CONFIRMED') {
        throw new DomainError('ORDERS.REMINDER_NOT_ALLOWED', `order ${orderNo} is ${order.lifecycleStatus}; reminders go for SUBMITTED or CONFIRMED orders`, 'conflict');
      }
      if (order.paymentStatus === 'PAID') throw new DomainError('ORDERS.NOTHING_DUE', `order ${orderNo} is fully paid; there is nothing to remind the buyer of`, 'conflict');
      const now = new Date();
      const since = new Date(now.getTime() - 86_400_000);
      const recent = await em.find(OrderReminderEntity, { orderId: order.id, createdAt: { $gt: new Date(Math.min(since.getTime(), now.getTime() - this.config.reminders.minIntervalSeconds * 1000)) } }, { fields: ['createdAt'] });
      const verdict = mayResendReminder(recent.map((r) => r.createdAt), now, this.config.reminders);
      if (!verdict.ok) {
        throw new DomainError('ORDERS.REMINDER_RATE_LIMITED', `order ${orderNo}: ${verdict.reason}`, 'too-many', { retryAfterSeconds: verdict.retryAfterSeconds, nextAllowedAt: verdict.nextAllowedAt.toISOString() });
      }
      const sent = await this.reminders.queue(em, order, 'RESEND', actorOf(principal), now);
      return { orderNo: order.orderNo, seq: sent.seq, to: sent.to, queuedAt: sent.createdAt.toISOString(), linkExpiresAt: sent.linkExpiresAt.toISOString() };
    });
  }
}
