import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DomainError, orderPaidV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { addAmounts } from '@ereceipt/money';
import { completeIfFinished } from './complete-order.usecase';
import { OrderEntity } from './order.entity';
import { fillMilestones, type OrderPaymentTotals, paymentStatusOf } from './order-payment.rules';
import type { PaymentStatus } from './order-status.rules';

export interface OrderPaymentChange {
  orderNo: string;
  before: PaymentStatus;
  after: PaymentStatus;
  paidAmount: string;
}

/**
 * Sets what is paid on each order from the totals of its live associations (the caller's store),
 * inside the caller's transaction: the orders are locked in order-number order (no deadlock between
 * two remittances paying the same orders), milestones filled deposit first, the payment status
 * derived, and `ereceipt.order.paid.v1` written to the outbox when an order becomes fully paid; an
 * order already delivered then completes (`completeIfFinished`).
 */
export async function applyOrderPayments(em: EntityManager, totals: ReadonlyMap<string, OrderPaymentTotals>, correlationId?: string): Promise<OrderPaymentChange[]> {
  const orderNos = [...totals.keys()].sort();
  if (orderNos.length === 0) return [];
  const orders = await em.find(OrderEntity, { orderNo: { $in: orderNos } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { orderNo: 'asc' } });
  const changes: OrderPaymentChange[] = [];
  const now = new Date();
  for (const orderNo of orderNos) {
    const order = orders.find((o) => o.orderNo === orderNo);
    if (!order) throw new DomainError('ORDERS.NOT_FOUND', `order ${orderNo} not found`, 'not-found');
    const t = totals.get(orderNo) ?? { paid: '0', settled: '0' };
    const before = order.paymentStatus;
    order.milestones = fillMilestones(order.milestones, t.settled, order.currency);
    order.paidAmount = addAmounts(order.currency, t.paid);
    order.paymentStatus = paymentStatusOf(order.milestones, order.paidAmount);
    order.updatedAt = now;
    changes.push({ orderNo, before, after: order.paymentStatus, paidAmount: order.paidAmount });
    if (order.paymentStatus === 'PAID' && before !== 'PAID') {
      await new OutboxWriter(em).appendEvent(orderPaidV1, {
        key: orderNo,
        correlationId,
        data: {
          orderNo,
          sellerId: order.sellerId,
          currency: order.currency,
          total: order.total,
          paidAmount: order.paidAmount,
          milestones: order.milestones.map((m) => ({ kind: m.kind, amount: m.amount, paidAmount: m.paidAmount })),
          paidAt: now.toISOString(),
        },
      });
    }
  }
  await em.flush();
  // Paid last, after delivery: the order completes now (a no-op unless paid and delivered).
  for (const order of orders) if (order.paymentStatus === 'PAID') await completeIfFinished(em, order, 'PAID_AND_DELIVERED', now);
  return changes;
}

export { fillMilestones, paymentStatusOf, type MilestoneAmounts, type OrderPaymentTotals } from './order-payment.rules';
