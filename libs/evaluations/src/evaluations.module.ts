import { Module, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '@ereceipt/scheduling';
import { BuyerEvaluationQuery } from './buyer/buyer-evaluation.query';
import { BuyerEvaluationsController } from './buyer/buyer-evaluations.controller';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationQueries } from './evaluations.query';
import { InviteToEvaluate } from './invite-to-evaluate.usecase';
import { RecomputeSupplierScores } from './recompute-supplier-scores.usecase';
import { ReplyToEvaluation } from './reply-to-evaluation.usecase';
import { SubmitEvaluation } from './submit-evaluation.usecase';

export const SCORE_RECOMPUTE_JOB = 'evaluations.score-recompute';

/** Evaluations and supplier scores (docs/domain.md §5, issue #8); decisions in libs/evaluations/README.md. */
@Module({
  controllers: [EvaluationsController, BuyerEvaluationsController],
  providers: [InviteToEvaluate, SubmitEvaluation, ReplyToEvaluation, RecomputeSupplierScores, EvaluationQueries, BuyerEvaluationQuery],
  exports: [EvaluationQueries, RecomputeSupplierScores],
})
export class EvaluationsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly recompute: RecomputeSupplierScores,
  ) {}

  onModuleInit(): void {
    // Just after midnight UTC, when the 180-day window has moved by one day.
    this.jobs.register({ name: SCORE_RECOMPUTE_JOB, schedule: { dailyAt: '00:10', timeZone: 'UTC' }, run: async ({ now }) => void (await this.recompute.execute(now)) });
  }
}
