import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { isValidAmount, toAmount, toMinorUnits } from '@ereceipt/money';
import { OrderEntity } from '@ereceipt/orders';
import { lockBalance } from './infrastructure/ledger.writer';
import type { RefundActor } from './refund-actor';
import { checkOpenRefund } from './refund.rules';

/**
 * `POST /orders/{orderNo}/refunds` (seller side) and `POST /buyer/orders/{orderNo}/refunds?t=`
 * (buyer): opens a refund request. The order's CREDITED account is locked first, as a withdrawal
 * does, so a refund and a withdrawal of the same funds cannot both pass their checks. While it is
 * open, withdrawals of the order are refused (rule FUNDS_CREDITED).
 */
@Injectable()
export class OpenRefund {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, body: { amount: string; reason: string }, by: RefundActor): Promise<{ refundId: string; status: 'OPEN'; amount: string; currency: string }> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await em.findOne(OrderEntity, { orderNo });
      if (!order || (by.sellerId !== null && by.sellerId !== order.sellerId)) throw new DomainError('FUNDS.ORDER_NOT_FOUND', `order ${orderNo} not found`, 'not-found');
      if (!isValidAmount(body.amount, order.currency)) throw new DomainError('FUNDS.INVALID', `amount: ${body.amount} is not an amount in ${order.currency}`, 'invalid');
      if (body.reason.trim() === '') throw new DomainError('FUNDS.INVALID', 'reason: required', 'invalid');
      const refundable = await lockBalance(em, { sellerId: order.sellerId, currency: order.currency, kind: 'CREDITED', orderNo });
      const [open] = await em.execute<Array<{ id: string }>>(`select id from refund where order_no = ? and status in ('OPEN', 'ACCEPTED')`, [orderNo]);
      const verdict = checkOpenRefund(toMinorUnits(body.amount, order.currency), refundable, Boolean(open));
      if (!verdict.ok) throw new DomainError(verdict.code, `refund of ${orderNo} refused: ${verdict.message}`, verdict.code === 'FUNDS.INVALID' ? 'invalid' : 'conflict');
      const id = randomUUID();
      const amount = toAmount(body.amount, order.currency);
      await em.execute(
        `insert into refund (id, seller_id, order_id, order_no, currency, amount, reason, status, opened_by, opened_by_actor, opened_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, now())`,
        [id, order.sellerId, order.id, orderNo, order.currency, amount, body.reason.trim(), by.side, by.actor],
      );
      return { refundId: id, status: 'OPEN' as const, amount, currency: order.currency };
    });
  }
}
