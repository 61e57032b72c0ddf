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
import { settleOrderFunds } from './settle-order-funds.usecase';
import { checkWithdrawal, payoutShare } from './withdrawal.rules';

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
  const now = new Date();
  const [seller] = await em.execute<Array<{ settlement_currency: string; legal_name: string }>>(`select settlement_currency, legal_name from seller where id = ?`, [order.sellerId]);
  const payoutCurrency = seller.settlement_currency;
  // The lock every request for this order's funds queues on (also taken first by settlement and the association hook).
  const unsettled = await lockBalance(em, { sellerId: order.sellerId, currency: order.currency, kind: 'CREDITED', orderNo: order.orderNo });
  let credited = unsettled;
  let payoutAvailable = unsettled;
  let waitingForRate = false;
  if (payoutCurrency !== order.currency) {
    if (unsettled > 0n) waitingForRate = (await settleOrderFunds(em, order, now)) === 'NO_RATE';
    payoutAvailable = await lockBalance(em, { sellerId: order.sellerId, currency: payoutCurrency, kind: 'CREDITED', orderNo: order.orderNo });
    const [lots] = await em.execute<Array<{ settled: string; used: string }>>(
      `select coalesce((select sum(source_amount) from fx_settlement where order_no = ? and target_currency = ? and reversed_at is null), 0)::text as settled,
              coalesce((select sum(source_amount) from withdrawal where order_no = ? and currency = ? and status <> 'FAILED'), 0)::text as used`,
      [order.orderNo, payoutCurrency, order.orderNo, payoutCurrency],
    );
    credited = toMinorUnits(lots.settled, order.currency) - toMinorUnits(lots.used, order.currency);
    if (credited <= 0n && waitingForRate) throw new DomainError('FUNDS.FX_NOT_SETTLED', `withdrawal of ${order.orderNo} refused: rule FUNDS_CREDITED: the funds in ${order.currency} are not settled into ${payoutCurrency} yet (no rate in force); retried when a rate arrives`, 'conflict', { rule: 'FUNDS_CREDITED' });
  }
  const [facts] = await em.execute<Array<{ confirmed: boolean; in_flight: boolean; withdrawn: string; open_refund: boolean }>>(
    `select exists (select 1 from payment_info_confirmation where order_id = ?) as confirmed,
            exists (select 1 from refund where order_no = ? and status = 'OPEN') as open_refund,
            exists (select 1 from withdrawal where order_no = ? and status = 'REQUESTED') as in_flight,
            coalesce((select sum(source_amount) from withdrawal where order_no = ? and status in ('REQUESTED', 'COMPLETED')), 0)::text as withdrawn`,
    [order.id, order.orderNo, order.orderNo, order.orderNo],
  );
  const preShipment = order.milestones.filter((m) => m.preShipment).reduce((s, m) => s + toMinorUnits(m.amount, order.currency), 0n);
  const declared = await declaredGoodsValue(em, order.id);
  const verdict = checkWithdrawal({
    paymentInfoConfirmed: facts.confirmed,
    credited,
    openRefund: facts.open_refund,
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
  // Settled funds: the part of the settled money that corresponds to the amount in the order currency (all of it when everything goes).
  const payout = payoutCurrency === order.currency ? verdict.amount : payoutShare(payoutAvailable, verdict.amount, credited);
  if (payout <= 0n) throw new DomainError('FUNDS.RULE_FUNDS_CREDITED', `withdrawal of ${order.orderNo} refused: rule FUNDS_CREDITED: the amount is below one minor unit of ${payoutCurrency}`, 'conflict', { rule: 'FUNDS_CREDITED' });
  const id = randomUUID();
  const amount = fromMinorUnits(payout, payoutCurrency);
  const sourceAmount = fromMinorUnits(verdict.amount, order.currency);
  await em.execute(
    `insert into withdrawal (id, seller_id, order_id, order_no, currency, amount, source_currency, source_amount, status, trigger, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)`,
    [id, order.sellerId, order.id, order.orderNo, payoutCurrency, amount, order.currency, sourceAmount, input.trigger, input.actor, now],
  );
  await postEntry(em, { kind: 'WITHDRAWAL', sellerId: order.sellerId, withdrawalId: id, memo: `withdrawal ${id} of ${order.orderNo}`, actor: input.actor }, moveLines(order.sellerId, payoutCurrency, order.orderNo, 'CREDITED', 'WITHDRAWING', payout));
  await new OutboxWriter(em).appendEvent(withdrawalRequestedV1, {
    key: id,
    data: { instructionId: id, orderNo: order.orderNo, sellerId: order.sellerId, currency: payoutCurrency, amount, trigger: input.trigger, source: { currency: order.currency, amount: sourceAmount }, destination: { sellerId: order.sellerId, beneficiaryName: seller.legal_name }, requestedBy: input.actor, requestedAt: now.toISOString() },
  });
  return { instructionId: id, orderNo: order.orderNo, currency: payoutCurrency, amount, status: 'REQUESTED', trigger: input.trigger };
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
