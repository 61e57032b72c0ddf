import { Injectable } from '@nestjs/common';
import { LockMode, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, evaluationRepliedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { actorOf, sellerScope } from '@ereceipt/orders';
import { EvaluationEntity } from './evaluation.entity';
import { parseReply } from './evaluation-input.rules';
import { toEvaluationView } from './evaluation-view';
import type { EvaluationViewDto } from './evaluation.dto';

export function evaluationNotFound(id: string): DomainError<'EVALUATIONS.NOT_FOUND'> {
  return new DomainError('EVALUATIONS.NOT_FOUND', `evaluation ${id} not found`, 'not-found');
}

/**
 * `POST /evaluations/{id}/reply`: the evaluated seller answers, once (docs/domain.md §5). The reply is
 * stored as written and published as `ereceipt.evaluation.replied.v1`. No time limit: docs/domain.md
 * limits the evaluation, not the answer to it. Another seller's evaluation is "not found".
 */
@Injectable()
export class ReplyToEvaluation {
  constructor(private readonly orm: MikroORM) {}

  async execute(id: string, body: Record<string, unknown>, principal: Principal, now = new Date()): Promise<EvaluationViewDto> {
    const parsed = parseReply(body);
    if (!parsed.ok) throw new DomainError('EVALUATIONS.INVALID', parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; '), 'invalid', { issues: parsed.issues });
    return this.orm.em.fork().transactional(async (em) => {
      const evaluation = await em.findOne(EvaluationEntity, { id, ...sellerScope(principal) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!evaluation) throw evaluationNotFound(id);
      if (evaluation.reply !== null) {
        throw new DomainError('EVALUATIONS.ALREADY_REPLIED', `evaluation ${id} was already answered on ${evaluation.repliedAt?.toISOString().slice(0, 10)}; a seller replies once`, 'conflict');
      }
      Object.assign(evaluation, { reply: parsed.value, repliedAt: now, repliedBy: actorOf(principal) });
      await em.flush();
      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(evaluationRepliedV1, { key: evaluation.id, data: { evaluationId: evaluation.id, orderNo: evaluation.orderNo, sellerId: evaluation.sellerId, reply: parsed.value, repliedAt: now.toISOString() } });
      await outbox.notifyRelay();
      return toEvaluationView(evaluation);
    });
  }
}
