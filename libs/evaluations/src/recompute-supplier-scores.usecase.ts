import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { utcDay } from './evaluation-window.rules';
import { lockScore, storeScore, totalsFromEvaluations, totalsOfRow } from './supplier-score.repository';

export interface RecomputeSummary {
  asOf: string;
  sellers: number;
  /** Sellers whose published score changed (an event each). */
  changed: number;
  /** Sellers whose stored history totals disagreed with the evaluations (a bug if ever > 0; repaired). */
  repaired: number;
}

/**
 * The daily recompute (job `evaluations.score-recompute`, 00:10 UTC): moves every seller's
 * 180-day window to today and recomputes the totals from the evaluations themselves, one
 * transaction per seller holding the score row's lock. Publishes only where a value changed, so a
 * second run the same day (a retry, another replica) changes nothing and publishes nothing.
 */
@Injectable()
export class RecomputeSupplierScores {
  private readonly log = new Logger('RecomputeSupplierScores');

  constructor(private readonly orm: MikroORM) {}

  async execute(now = new Date()): Promise<RecomputeSummary> {
    const asOf = utcDay(now);
    const sellers = await this.orm.em.fork().execute<Array<{ seller_id: string }>>(`select seller_id from supplier_score order by seller_id`);
    const summary: RecomputeSummary = { asOf, sellers: sellers.length, changed: 0, repaired: 0 };
    for (const { seller_id: sellerId } of sellers) {
      await this.orm.em.fork().transactional(async (em) => {
        const row = await lockScore(em, sellerId, asOf, now);
        // Never move a window backwards (a replica with a clock behind).
        if (row.windowAsOf > asOf) return;
        const stored = totalsOfRow(row);
        const next = await totalsFromEvaluations(em, sellerId, asOf);
        if (next.count !== stored.count || next.sumServiceAttitude !== stored.sumServiceAttitude || next.sumDeliverySpeed !== stored.sumDeliverySpeed || next.sumDescriptionAccuracy !== stored.sumDescriptionAccuracy) {
          summary.repaired += 1;
          this.log.warn({ sellerId, stored, recomputed: next }, `supplier ${sellerId}: stored totals disagreed with the evaluations; repaired`);
        }
        const { changed } = await storeScore(em, row, next, 'WINDOW_MOVED', now);
        if (changed) summary.changed += 1;
      });
    }
    this.log.log(summary, `supplier scores recomputed as of ${asOf}: ${summary.changed} of ${summary.sellers} changed`);
    return summary;
  }
}
