import { Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { classifyError, errorMessage } from '@ereceipt/messaging';
import { decisionClock, traceDecisions } from '@ereceipt/tracing';
import type { RecordedRemittance, RemittanceStage } from '@ereceipt/remittances';
import type { MatchingDecision } from './domain';
import { lockSellersOfAccounts } from './infrastructure/seller-matching.lock';
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
  const one = async (recorded: RecordedRemittance): Promise<void> => {
    try {
      const stop = matchingMetrics.decisionSeconds.startTimer();
      const clock = decisionClock();
      const decision = await recorded.em.transactional((em) => recorded.outbox.nested(em, (outbox) => match.within({ ...recorded, em, outbox })));
      stop();
      traceDecisions(clock, [recorded], [decision]);
      matchingMetrics.decisions.inc({ outcome: decision.outcome, reason: decision.reason });
    } catch (e) {
      if (classifyError(e) === 'transient') throw e;
      matchingMetrics.failures.inc();
      logger.error(`matching failed for remittance ${recorded.remittanceId}; it waits unmatched: ${errorMessage(e)}`);
    }
  };
  return {
    afterRecorded: one,
    /**
     * A batch's originals (issues #14, #15): all in ONE savepoint, decided together (a few set-based
     * statements per round instead of about ten per wire). If any of them fails, that savepoint rolls
     * back and they go again one savepoint each, so only the failing wire is left unmatched.
     */
    afterRecordedMany: async (list, between) => {
      const first = list[0];
      if (!first) return;
      let decisions: MatchingDecision[] = [];
      const started = performance.now();
      const clock = decisionClock();
      try {
        // One round of set-based reads per wire of each seller (MatchRemittance.withinMany), its sellers locked first in sorted order.
        decisions = await first.em.transactional((em) => first.outbox.nested(em, (outbox) => match.withinMany(em, outbox, list, between)));
      } catch (e) {
        if (classifyError(e) === 'transient') throw e;
        // The savepoint's rollback released its locks: take them again, in the same order, for the wires one by one.
        await lockSellersOfAccounts(first.em, list.map((r) => r.remittance.beneficiary.account));
        for (const recorded of list) await one(recorded);
        return;
      }
      // A span per wire in its record's trace (libs/tracing; nothing when tracing is off).
      traceDecisions(clock, list, decisions);
      const each = (performance.now() - started) / 1000 / list.length;
      for (const decision of decisions) {
        matchingMetrics.decisionSeconds.observe(each);
        matchingMetrics.decisions.inc({ outcome: decision.outcome, reason: decision.reason });
      }
    },
    viewExtras: (ids) => remittanceMatchingViews(orm, ids),
  };
}
