import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, withdrawalRequestedV1 } from '@ereceipt/contracts';
import { creditingHeld, declaredGoodsValue } from '@ereceipt/fulfillment';
import { OutboxWriter } from '@ereceipt/messaging';
import { fromMinorUnits, isValidAmount, toMinorUnits } from '@ereceipt/money';
import { OrderEntity } from '@ereceipt/orders';
import { moveLines } from './ledger.rules';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';
import { checkWithdrawal } from './withdrawal.rules';

export interface WithdrawalResult {
  instructionId: string;
  orderNo: string;
  currency: string;
  amount: string;
  status: 'REQUESTED';
  trigger: 'MANUAL' | 'AUTO';
}

/**
 * The withdrawal itself, inside the caller's transaction: lock the order's CREDITED account (every
 * request for the same funds queues here), read the facts after the lock, check the three rules,
 * then CREDITED -> WITHDRAWING, the withdrawal row (one REQUESTED per order, unique index) and the
 * `withdrawal.requested` instruction in the outbox, all in one commit.
 */
export async function requestWithdrawalWithin(em: EntityManager, order: OrderEntity, input: { amount?: string | undefined; actor: string; trigger: 'MANUAL' | 'AUTO' }): Promise<WithdrawalResult> {
  const key = { sellerId: order.sellerId, currency: order.currency, kind: 'CREDITED' as const, orderNo: order.orderNo };
  const credited = await lockBalance(em, key);
  const [facts] = await em.execute<Array<{ confirmed: boolean; in_flight: boolean; withdrawn: string }>>(
    `select exists (select 1 from payment_info_confirmation where order_id = ?) as confirmed,
            exists (select 1 from withdrawal where order_no = ? and status = 'REQUESTED') as in_flight,
            coalesce((select sum(amount) from withdrawal where order_no = ? and status in ('REQUESTED', 'COMPLETED')), 0)::text as withdrawn`,
    [order.id, order.orderNo, order.orderNo],
  );
  const preShipment = order.milestones.filter((m) => m.preShipment).reduce((s, m) => s + toMinorUnits(m.amount, order.currency), 0n);
  const declared = await declaredGoodsValue(em, order.id);
  const verdict = checkWithdrawal({
    paymentInfoConfirmed: facts.confirmed,
    credited,
    openRefund: false,
    creditingHeld: await creditingHeld(em, order.id),
    inFlight: facts.in_flight,
    withdrawnSoFar: toMinorUnits(facts.withdrawn, order.currency),
    preShipment,
    declaredGoods: toMinorUnits(declared.amount, order.currency),
    ...(input.amount !== undefined ? { requested: toMinorUnits(input.amount, order.currency) } : {}),
  });
  if (!verdict.ok) {
    const code = verdict.rule === 'IN_PROGRESS' ? 'FUNDS.WITHDRAWAL_IN_PROGRESS' : verdict.rule === 'INVALID_AMOUNT' ? 'FUNDS.INVALID' : `FUNDS.RULE_${verdict.rule}`;
    throw new DomainError(code, `withdrawal of ${order.orderNo} refused: ${verdict.rule === 'IN_PROGRESS' || verdict.rule === 'INVALID_AMOUNT' ? '' : `rule ${verdict.rule}: `}${verdict.message}`, verdict.rule === 'INVALID_AMOUNT' ? 'invalid' : 'conflict', { rule: verdict.rule });
  }
  const id = randomUUID();
  const now = new Date();
  const amount = fromMinorUnits(verdict.amount, order.currency);
  await em.execute(
    `insert into withdrawal (id, seller_id, order_id, order_no, currency, amount, status, trigger, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)`,
    [id, order.sellerId, order.id, order.orderNo, order.currency, amount, input.trigger, input.actor, now],
  );
  await postEntry(em, { kind: 'WITHDRAWAL', sellerId: order.sellerId, withdrawalId: id, memo: `withdrawal ${id} of ${order.orderNo}`, actor: input.actor }, moveLines(order.sellerId, order.currency, order.orderNo, 'CREDITED', 'WITHDRAWING', verdict.amount));
  const [seller] = await em.execute<Array<{ legal_name: string }>>(`select legal_name from seller where id = ?`, [order.sellerId]);
  await new OutboxWriter(em).appendEvent(withdrawalRequestedV1, {
    key: id,
    data: { instructionId: id, orderNo: order.orderNo, sellerId: order.sellerId, currency: order.currency, amount, trigger: input.trigger, destination: { sellerId: order.sellerId, beneficiaryName: seller?.legal_name ?? '' }, requestedBy: input.actor, requestedAt: now.toISOString() },
  });
  return { instructionId: id, orderNo: order.orderNo, currency: order.currency, amount, status: 'REQUESTED', trigger: input.trigger };
}

/** `POST /orders/{orderNo}/withdrawals` (seller for its own orders, admin): 409 naming the failed rule. */
@Injectable()
export class RequestWithdrawal {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, body: { amount?: string | undefined }, principal: Principal): Promise<WithdrawalResult> {
    if (principal.role !== 'seller' && principal.role !== 'admin') throw new DomainError('FUNDS.FORBIDDEN', 'only the seller or an admin withdraws', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const order = await em.findOne(OrderEntity, { orderNo });
      if (!order || (principal.role === 'seller' && principal.sellerId !== order.sellerId)) throw new DomainError('FUNDS.ORDER_NOT_FOUND', `order ${orderNo} not found`, 'not-found');
      if (body.amount !== undefined && !isValidAmount(body.amount, order.currency)) throw new DomainError('FUNDS.INVALID', `amount: ${body.amount} is not an amount in ${order.currency}`, 'invalid');
      const result = await requestWithdrawalWithin(em, order, { amount: body.amount, actor: `${principal.role}:${principal.name}`, trigger: 'MANUAL' });
      await new OutboxWriter(em).notifyRelay();
      return result;
    });
  }
}
