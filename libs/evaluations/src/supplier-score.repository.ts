import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { supplierScoreUpdatedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { SupplierScoreEntity } from './supplier-score.entity';
import { emptyTotals, figuresChanged, figuresOf, POSITIVE_STAR_SUM, type ScoreFigures, type ScoreTotals, windowBounds } from './supplier-score.rules';

export type ScoreChangeReason = 'EVALUATION' | 'WINDOW_MOVED';

export function totalsOfRow(row: SupplierScoreEntity): ScoreTotals {
  return {
    count: row.evaluationCount,
    sumServiceAttitude: row.sumServiceAttitude,
    sumDeliverySpeed: row.sumDeliverySpeed,
    sumDescriptionAccuracy: row.sumDescriptionAccuracy,
    windowAsOf: row.windowAsOf,
    windowEvaluations: row.windowEvaluations,
    windowPositive: row.windowPositive,
  };
}

/**
 * The score row of a seller, created empty when missing, locked (`for update`) until the
 * transaction ends: evaluations of one seller and the nightly recompute take turns on it.
 */
export async function lockScore(em: EntityManager, sellerId: string, asOf: string, now: Date): Promise<SupplierScoreEntity> {
  const t = emptyTotals(asOf);
  await em.execute(
    `insert into supplier_score (seller_id, evaluation_count, sum_service_attitude, sum_delivery_speed, sum_description_accuracy, window_as_of, window_evaluations, window_positive, version, updated_at)
     values (?, 0, 0, 0, 0, ?, 0, 0, 0, ?) on conflict (seller_id) do nothing`,
    [sellerId, t.windowAsOf, now],
  );
  return em.findOneOrFail(SupplierScoreEntity, { sellerId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** The recompute's input: the seller's exact totals from the evaluations themselves, the window ending on `asOf`. */
export async function totalsFromEvaluations(em: EntityManager, sellerId: string, asOf: string): Promise<ScoreTotals> {
  const { from, toExclusive } = windowBounds(asOf);
  const [r] = await em.execute<Array<{ count: number; s: number; d: number; a: number; wc: number; wp: number }>>(
    `select count(*)::int as count,
            coalesce(sum(service_attitude), 0)::int as s,
            coalesce(sum(delivery_speed), 0)::int as d,
            coalesce(sum(description_accuracy), 0)::int as a,
            (count(*) filter (where submitted_at >= ? and submitted_at < ?))::int as wc,
            (count(*) filter (where submitted_at >= ? and submitted_at < ? and service_attitude + delivery_speed + description_accuracy >= ?))::int as wp
       from evaluation where seller_id = ?`,
    [from, toExclusive, from, toExclusive, POSITIVE_STAR_SUM, sellerId],
  );
  return { count: r.count, sumServiceAttitude: r.s, sumDeliverySpeed: r.d, sumDescriptionAccuracy: r.a, windowAsOf: asOf, windowEvaluations: r.wc, windowPositive: r.wp };
}

export function scoreEventData(sellerId: string, version: number, f: ScoreFigures, reason: ScoreChangeReason, at: Date) {
  if (!f.averages) throw new Error(`supplier ${sellerId}: a score event needs at least one evaluation`);
  return { sellerId, version, evaluationCount: f.evaluationCount, averages: f.averages, window: f.window, positiveRate: f.positiveRate, reason, updatedAt: at.toISOString() };
}

/**
 * Stores new totals on the locked row. When a published value changed (`figuresChanged`), the
 * derived figures are stored, `version` grows and `ereceipt.supplier-score.updated.v1` goes into
 * the outbox in the same transaction; otherwise only the totals (e.g. the window's day) move.
 */
export async function storeScore(em: EntityManager, row: SupplierScoreEntity, next: ScoreTotals, reason: ScoreChangeReason, now: Date): Promise<{ changed: boolean; figures: ScoreFigures }> {
  const before = figuresOf(totalsOfRow(row));
  const after = figuresOf(next);
  const changed = figuresChanged(before, after);
  Object.assign(row, {
    evaluationCount: next.count,
    sumServiceAttitude: next.sumServiceAttitude,
    sumDeliverySpeed: next.sumDeliverySpeed,
    sumDescriptionAccuracy: next.sumDescriptionAccuracy,
    windowAsOf: next.windowAsOf,
    windowEvaluations: next.windowEvaluations,
    windowPositive: next.windowPositive,
  });
  if (changed) {
    Object.assign(row, {
      avgServiceAttitude: after.averages?.serviceAttitude ?? null,
      avgDeliverySpeed: after.averages?.deliverySpeed ?? null,
      avgDescriptionAccuracy: after.averages?.descriptionAccuracy ?? null,
      avgOverall: after.averages?.overall ?? null,
      positiveRate: after.positiveRate,
      version: row.version + 1,
      updatedAt: now,
    });
  }
  await em.flush();
  if (changed) {
    const outbox = new OutboxWriter(em);
    await outbox.appendEvent(supplierScoreUpdatedV1, { key: row.sellerId, data: scoreEventData(row.sellerId, row.version, after, reason, now) });
    await outbox.notifyRelay();
  }
  return { changed, figures: after };
}
