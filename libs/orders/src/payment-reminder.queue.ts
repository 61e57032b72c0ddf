import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { creditorReferenceOf, DomainError } from '@ereceipt/contracts';
import { compareAmounts, subtractAmounts } from '@ereceipt/money';
import { buyerOrderUrl, mailDedupeKey, MailOutboxWriterFactory, renderPaymentReminder, signLink } from '@ereceipt/notifications';
import { CollectionAccountEntity, SellerEntity } from '@ereceipt/sellers';
import { OrderReminderEntity, type ReminderTrigger } from './buyer-activity.entities';
import type { OrderEntity } from './order.entity';

export interface QueuedReminder {
  seq: number;
  to: string;
  mailId: string;
  linkExpiresAt: Date;
  createdAt: Date;
}

/**
 * Builds the payment reminder for an order (what is still due per milestone, the collection
 * account, the reference, a fresh signed link) and queues it in the mail outbox inside the
 * caller's transaction, with a row in `order_reminder`. The caller holds the order's row lock, so
 * `seq` is race-free; the dedupe key `payment-reminder:<orderNo>:<seq>` makes a re-run a no-op.
 */
@Injectable()
export class PaymentReminderQueue {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly mail: MailOutboxWriterFactory,
  ) {}

  async queue(em: EntityManager, order: OrderEntity, trigger: ReminderTrigger, requestedBy: string, now = new Date()): Promise<QueuedReminder> {
    const seller = await em.findOneOrFail(SellerEntity, { id: order.sellerId });
    const account = await em.findOne(CollectionAccountEntity, { sellerId: order.sellerId, currency: order.currency });
    if (!account) throw new DomainError('ORDERS.NO_COLLECTION_ACCOUNT', `seller ${order.sellerId} has no collection account in ${order.currency}`, 'conflict');
    const [{ n }] = await em.execute<Array<{ n: number }>>(`select coalesce(max(seq), 0) + 1 as n from order_reminder where order_id = ?`, [order.id]);
    const seq = Number(n);
    const expiresAt = new Date(now.getTime() + this.config.buyerLinkTtlDays * 86_400_000);
    const token = signLink({ purpose: 'buyer-order', subject: order.orderNo, expiresAt }, this.config.hubSecret);
    const rendered = renderPaymentReminder({
      order: {
        orderNo: order.orderNo,
        buyerName: order.buyerName,
        currency: order.currency,
        lines: order.lines.map((l) => ({ name: l.name, ...(l.sku ? { sku: l.sku } : {}), quantity: String(l.quantity), unit: l.unit, unitPrice: l.unitPrice, amount: l.lineTotal })),
        total: order.total,
        // What is still due: a milestone paid in full is left out, a partly paid one shows the rest.
        milestones: order.milestones
          .map((m) => ({ kind: m.kind, amount: subtractAmounts(order.currency, m.amount, m.paidAmount), dueDate: m.dueDate }))
          .filter((m) => compareAmounts(m.amount, '0') > 0),
      },
      seller: { legalName: seller.legalName },
      collectionAccount: { beneficiaryName: account.beneficiaryName, bankName: account.bankName, bic: account.bic, accountNumber: account.accountNumber },
      reference: order.orderNo,
      creditorReference: creditorReferenceOf(order.orderNo),
      link: buyerOrderUrl(this.config.http.publicUrl, order.orderNo, token),
      expiresAt,
    });
    const writer = this.mail.for(em);
    const { id: mailId } = await writer.queue({ ...rendered, kind: 'payment-reminder', to: order.buyerEmail, dedupeKey: mailDedupeKey('payment-reminder', order.orderNo, seq) });
    em.create(OrderReminderEntity, { id: randomUUID(), orderId: order.id, orderNo: order.orderNo, seq, trigger, toAddress: order.buyerEmail, requestedBy, mailId, linkExpiresAt: expiresAt, createdAt: now });
    await em.flush();
    await writer.notifyRelay();
    return { seq, to: order.buyerEmail, mailId, linkExpiresAt: expiresAt, createdAt: now };
  }
}
