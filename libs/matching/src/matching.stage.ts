import { Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { classifyError, errorMessage } from '@ereceipt/messaging';
import type { RemittanceStage } from '@ereceipt/remittances';
import { MatchRemittance } from './match-remittance.usecase';
import { matchingMetrics } from './matching.metrics';
import { remittanceMatchingViews } from './remittance-matching.view';

/**
 * What matching plugs into remittances (RemittanceHooks). Matching runs in a savepoint of the
 * recording transaction: a transient failure (lock, deadlock, connection) is thrown so the whole
 * chunk retries; any other failure is logged and rolled back to the savepoint, and the wire stays
 * stored, PENDING_ASSOCIATION without a decision (the exception queue): a matching bug must never
 * send a bank message to the DLQ or lose it.
 */
export function matchingStage(orm: MikroORM, match: MatchRemittance = new MatchRemittance(), logger: Pick<Logger, 'error'> = new Logger('Matching')): RemittanceStage {
  return {
    afterRecorded: async (recorded) => {
      try {
        const stop = matchingMetrics.decisionSeconds.startTimer();
        const decision = await recorded.em.transactional((em) => recorded.outbox.nested(em, (outbox) => match.within({ ...recorded, em, outbox })));
        stop();
        matchingMetrics.decisions.inc({ outcome: decision.outcome, reason: decision.reason });
      } catch (e) {
        if (classifyError(e) === 'transient') throw e;
        matchingMetrics.failures.inc();
        logger.error(`matching failed for remittance ${recorded.remittanceId}; it waits unmatched: ${errorMessage(e)}`);
      }
    },
    viewExtras: (ids) => remittanceMatchingViews(orm, ids),
  };
}
