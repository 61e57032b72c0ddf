import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { DomainError, evaluationSubmittedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { OrderEntity, orderNotFound } from '@ereceipt/orders';
import { EvaluationEntity } from './evaluation.entity';
import type { EvaluationInput } from './evaluation-input.rules';
import { ratingsOf, toEvaluationView } from './evaluation-view';
import { checkEvaluationWindow, utcDay } from './evaluation-window.rules';
import type { EvaluationViewDto } from './evaluation.dto';
import { lockScore, storeScore, totalsFromEvaluations, totalsOfRow } from './supplier-score.repository';
import { addEvaluation, isPositive } from './supplier-score.rules';

/** Refusals of an evaluation that a buyer can read: each says why. */
export async function assertMayEvaluate(em: EntityManager, order: OrderEntity, now: Date): Promise<Date> {
  if (order.lifecycleStatus !== 'COMPLETED' || !order.completedAt) {
    throw new DomainError('EVALUATIONS.ORDER_NOT_COMPLETED', `order ${order.orderNo} is ${order.lifecycleStatus.toLowerCase()}; it can be evaluated once it is completed`, 'conflict');
  }
  const existing = await em.findOne(EvaluationEntity, { orderId: order.id }, { fields: ['submittedAt'] });
  if (existing) {
    throw new DomainError('EVALUATIONS.ALREADY_EVALUATED', `order ${order.orderNo} was already evaluated on ${utcDay(existing.submittedAt)}; an order is evaluated once`, 'conflict');
  }
  const verdict = checkEvaluationWindow(order.completedAt, now);
  if (!verdict.ok) {
    throw new DomainError('EVALUATIONS.WINDOW_CLOSED', `order ${order.orderNo}: ${verdict.reason}`, 'conflict', { completedAt: order.completedAt.toISOString(), closesOn: verdict.window.closesOn });
  }
  return order.completedAt;
}

/**
 * The buyer evaluates a completed order (docs/domain.md §5), from the signed page; the link was
 * verified by the caller. In one transaction: the evaluation (unique per order), its event, and
 * the seller's score updated incrementally, with its event when a value changed. The order's row
 * lock serialises two submissions of one order; the score row's lock those of one seller.
 */
@Injectable()
export class SubmitEvaluation {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, input: EvaluationInput, source: { address: string }, now = new Date()): Promise<EvaluationViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await em.findOne(OrderEntity, { orderNo }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!order || order.lifecycleStatus === 'DRAFT') throw orderNotFound(orderNo);
      const completedAt = await assertMayEvaluate(em, order, now);
      const evaluation = em.create(EvaluationEntity, {
        id: randomUUID(),
        orderId: order.id,
        orderNo,
        sellerId: order.sellerId,
        ...input.ratings,
        comment: input.comment,
        completedAt,
        submittedAt: now,
        sourceAddress: source.address.slice(0, 64),
      });
      await em.flush();
      const view = toEvaluationView(evaluation);
      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(evaluationSubmittedV1, {
        key: evaluation.id,
        data: { evaluationId: evaluation.id, orderNo, sellerId: order.sellerId, ratings: ratingsOf(evaluation), overall: view.overall, positive: isPositive(input.ratings), comment: input.comment, completedAt: completedAt.toISOString(), submittedAt: now.toISOString() },
      });
      await outbox.notifyRelay();

      // The score: incremental while the stored window is today's; the first evaluation of a new
      // day moves the window first (a recompute for today, which includes this evaluation).
      const today = utcDay(now);
      const row = await lockScore(em, order.sellerId, today, now);
      const next = row.windowAsOf >= today ? addEvaluation(totalsOfRow(row), { ratings: input.ratings, submittedAt: now }) : await totalsFromEvaluations(em, order.sellerId, today);
      await storeScore(em, row, next, 'EVALUATION', now);
      return view;
    });
  }
}
