import { Injectable } from '@nestjs/common';
import { LockMode, MikroORM } from '@mikro-orm/postgresql';
import { DomainError, orderPaymentInfoConfirmedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { CollectionAccountEntity } from '@ereceipt/sellers';
import { PaymentInfoConfirmationEntity } from '../buyer-activity.entities';
import { orderNotFound } from '../order-access';
import { OrderEntity } from '../order.entity';
import { decide } from '../order-state.rules';
import type { PaymentConfirmationDto } from './buyer-order-view.dto';

export interface ConfirmationSource {
  address: string;
  forwardedFor: string | null;
  userAgent: string | null;
}

/**
 * The buyer confirms the payment information (docs/domain.md §2): SUBMITTED -> CONFIRMED, the time and
 * source address recorded, `ereceipt.order.payment-info-confirmed.v1` into the outbox, all in one
 * transaction. The signed link was verified by the caller. Confirming twice is not an error: the
 * first confirmation stands and is returned (a double click, a reload after POST).
 */
@Injectable()
export class ConfirmPaymentInfo {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, source: ConfirmationSource): Promise<PaymentConfirmationDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await em.findOne(OrderEntity, { orderNo }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!order || order.lifecycleStatus === 'DRAFT') throw orderNotFound(orderNo);
      const existing = await em.findOne(PaymentInfoConfirmationEntity, { orderId: order.id });
      if (existing) return { orderNo, confirmedAt: existing.confirmedAt.toISOString(), alreadyConfirmed: true };
      const next = decide({ lifecycle: order.lifecycleStatus, payment: order.paymentStatus, fulfilment: order.fulfilmentStatus }, 'CONFIRM_PAYMENT_INFO');
      if (!next.ok) throw new DomainError('ORDERS.CANNOT_CONFIRM', `order ${orderNo} is ${order.lifecycleStatus.toLowerCase()}; its payment information can no longer be confirmed`, 'conflict');
      const account = await em.findOneOrFail(CollectionAccountEntity, { sellerId: order.sellerId, currency: order.currency });
      const now = new Date();
      em.create(PaymentInfoConfirmationEntity, {
        orderId: order.id,
        orderNo,
        confirmedAt: now,
        sourceAddress: source.address.slice(0, 64),
        forwardedFor: source.forwardedFor?.slice(0, 1000) ?? null,
        userAgent: source.userAgent?.slice(0, 1000) ?? null,
        collectionAccount: account.accountNumber,
      });
      order.lifecycleStatus = 'CONFIRMED';
      order.updatedAt = now;
      await em.flush();
      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(orderPaymentInfoConfirmedV1, {
        key: orderNo,
        data: { orderNo, sellerId: order.sellerId, externalOrderId: order.externalOrderId, lifecycleStatus: 'CONFIRMED', confirmedAt: now.toISOString(), currency: order.currency, total: order.total, collectionAccount: account.accountNumber },
      });
      await outbox.notifyRelay();
      return { orderNo, confirmedAt: now.toISOString(), alreadyConfirmed: false };
    });
  }
}
