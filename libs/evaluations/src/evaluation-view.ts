import type { EvaluationViewDto } from './evaluation.dto';
import type { EvaluationEntity } from './evaluation.entity';
import { overallOf } from './supplier-score.rules';

export function ratingsOf(e: EvaluationEntity) {
  return { serviceAttitude: e.serviceAttitude, deliverySpeed: e.deliverySpeed, descriptionAccuracy: e.descriptionAccuracy };
}

export function toEvaluationView(e: EvaluationEntity): EvaluationViewDto {
  return {
    id: e.id,
    orderNo: e.orderNo,
    sellerId: e.sellerId,
    ratings: ratingsOf(e),
    overall: overallOf(ratingsOf(e)),
    comment: e.comment,
    submittedAt: e.submittedAt.toISOString(),
    reply: e.reply !== null && e.repliedAt ? { text: e.reply, repliedAt: e.repliedAt.toISOString() } : null,
  };
}
