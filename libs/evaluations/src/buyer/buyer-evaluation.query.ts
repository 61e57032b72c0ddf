import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { OrderEntity, orderNotFound } from '@ereceipt/orders';
import { SellerEntity } from '@ereceipt/sellers';
import { EvaluationEntity } from '../evaluation.entity';
import { toEvaluationView } from '../evaluation-view';
import { checkEvaluationWindow, utcDay } from '../evaluation-window.rules';
import type { BuyerEvaluationViewDto } from '../evaluation.dto';

/**
 * The read behind `GET /buyer/orders/{orderNo}/evaluation?t=` (the link was verified): whether
 * the buyer may evaluate, and if not why; the evaluation and the seller's reply once given.
 */
@Injectable()
export class BuyerEvaluationQuery {
  constructor(private readonly orm: MikroORM) {}

  async get(orderNo: string, linkExpiresAt: Date, now = new Date()): Promise<BuyerEvaluationViewDto> {
    const em = this.orm.em.fork();
    const order = await em.findOne(OrderEntity, { orderNo });
    if (!order || order.lifecycleStatus === 'DRAFT') throw orderNotFound(orderNo);
    const [seller, evaluation] = await Promise.all([em.findOneOrFail(SellerEntity, { id: order.sellerId }, { fields: ['legalName'] }), em.findOne(EvaluationEntity, { orderId: order.id })]);
    const completedAt = order.lifecycleStatus === 'COMPLETED' ? order.completedAt : null;
    const verdict = completedAt ? checkEvaluationWindow(completedAt, now) : null;
    const reason = evaluation
      ? `you evaluated this order on ${utcDay(evaluation.submittedAt)}; an order is evaluated once`
      : !verdict
        ? `order ${orderNo} is ${order.lifecycleStatus.toLowerCase()}; it can be evaluated once it is completed`
        : verdict.ok
          ? null
          : verdict.reason;
    return {
      orderNo: order.orderNo,
      sellerName: seller.legalName,
      buyerName: order.buyerName,
      completedAt: completedAt?.toISOString() ?? null,
      window: verdict ? { opensOn: verdict.window.opensOn, closesOn: verdict.window.closesOn, open: verdict.ok } : null,
      canEvaluate: reason === null,
      reason,
      evaluation: evaluation ? toEvaluationView(evaluation) : null,
      linkExpiresAt: linkExpiresAt.toISOString(),
    };
  }
}
