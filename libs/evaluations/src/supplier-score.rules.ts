import { dec } from '@ereceipt/money';
import { addDays, startOfDay, utcDay } from './evaluation-window.rules';
import type { Ratings } from './evaluation-input.rules';

/**
 * The supplier score (docs/domain.md §5), as exact integer totals plus figures derived from them.
 *
 * - History: count and the sum of each dimension's stars; averages are sum / count.
 * - Overall: (sum of the three sums) / (3 x count), the same as the mean of every evaluation's mean.
 * - 180-day window, in whole UTC days: as of day D it holds the evaluations submitted on days
 *   D-179 .. D (today included). An evaluation is positive when its overall is >= 4 stars, i.e.
 *   when its three stars add up to 12 or more (exact, no division).
 * - Positive rate: window positive / window evaluations; null for an empty window.
 * - Rounding: once, at the end, from exact integers: averages to 2 decimals, the rate to 4,
 *   ROUND_HALF_EVEN (`roundedRatio`). Nothing is ever derived from a rounded figure.
 *
 * Pure: the incremental update (`addEvaluation`) and the recompute (`totalsOf`) must agree exactly,
 * which the property tests check.
 */
export const SCORE_WINDOW_DAYS = 180;
export const AVERAGE_PLACES = 2;
export const RATE_PLACES = 4;

export interface ScoredEvaluation {
  ratings: Ratings;
  submittedAt: Date;
}

export interface ScoreTotals {
  count: number;
  sumServiceAttitude: number;
  sumDeliverySpeed: number;
  sumDescriptionAccuracy: number;
  /** The last day of the window these window counts are for (`YYYY-MM-DD`). */
  windowAsOf: string;
  windowEvaluations: number;
  windowPositive: number;
}

export interface ScoreFigures {
  evaluationCount: number;
  averages: { serviceAttitude: string; deliverySpeed: string; descriptionAccuracy: string; overall: string } | null;
  window: { days: typeof SCORE_WINDOW_DAYS; from: string; asOf: string; evaluations: number; positive: number };
  positiveRate: string | null;
}

/** The first day in the window that ends on `asOf`. */
export function windowFrom(asOf: string): string {
  return addDays(asOf, -(SCORE_WINDOW_DAYS - 1));
}

/** The window as instants, for queries: `from <= submittedAt < toExclusive`. */
export function windowBounds(asOf: string): { from: Date; toExclusive: Date } {
  return { from: startOfDay(windowFrom(asOf)), toExclusive: startOfDay(addDays(asOf, 1)) };
}

export function inWindow(submittedAt: Date, asOf: string): boolean {
  const day = utcDay(submittedAt);
  return day >= windowFrom(asOf) && day <= asOf;
}

export function starSum(r: Ratings): number {
  return r.serviceAttitude + r.deliverySpeed + r.descriptionAccuracy;
}

/** Overall >= 4 stars: the mean of three is >= 4 exactly when their sum is >= 12 (also used in SQL). */
export const POSITIVE_STAR_SUM = 12;

export function isPositive(r: Ratings): boolean {
  return starSum(r) >= POSITIVE_STAR_SUM;
}

export function emptyTotals(asOf: string): ScoreTotals {
  return { count: 0, sumServiceAttitude: 0, sumDeliverySpeed: 0, sumDescriptionAccuracy: 0, windowAsOf: asOf, windowEvaluations: 0, windowPositive: 0 };
}

/** The incremental update: one more evaluation, the window staying where it is. */
export function addEvaluation(t: ScoreTotals, e: ScoredEvaluation): ScoreTotals {
  const counts = inWindow(e.submittedAt, t.windowAsOf);
  return {
    count: t.count + 1,
    sumServiceAttitude: t.sumServiceAttitude + e.ratings.serviceAttitude,
    sumDeliverySpeed: t.sumDeliverySpeed + e.ratings.deliverySpeed,
    sumDescriptionAccuracy: t.sumDescriptionAccuracy + e.ratings.descriptionAccuracy,
    windowAsOf: t.windowAsOf,
    windowEvaluations: t.windowEvaluations + (counts ? 1 : 0),
    windowPositive: t.windowPositive + (counts && isPositive(e.ratings) ? 1 : 0),
  };
}

/** The recompute: everything from the whole history, the window ending on `asOf`. */
export function totalsOf(evaluations: readonly ScoredEvaluation[], asOf: string): ScoreTotals {
  return evaluations.reduce(addEvaluation, emptyTotals(asOf));
}

/**
 * numerator / denominator rounded to `places` decimals, ROUND_HALF_EVEN, exactly: the quotient
 * and remainder are integers (decimal.js), and the tie is decided on the remainder, so no
 * intermediate rounding can push a value onto or off a tie.
 */
export function roundedRatio(numerator: number, denominator: number, places: number): string {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`roundedRatio needs whole numbers, numerator >= 0 and denominator > 0 (got ${numerator}/${denominator})`);
  }
  const scale = dec('10').pow(places);
  const scaled = dec(String(numerator)).times(scale);
  const q = scaled.divToInt(denominator);
  const twiceRest = scaled.minus(q.times(denominator)).times(2);
  const cmp = twiceRest.cmp(denominator);
  const up = cmp > 0 || (cmp === 0 && !q.mod(2).isZero());
  return (up ? q.plus(1) : q).div(scale).toFixed(places);
}

export function figuresOf(t: ScoreTotals): ScoreFigures {
  const avg = (sum: number) => roundedRatio(sum, t.count, AVERAGE_PLACES);
  return {
    evaluationCount: t.count,
    averages:
      t.count === 0
        ? null
        : {
            serviceAttitude: avg(t.sumServiceAttitude),
            deliverySpeed: avg(t.sumDeliverySpeed),
            descriptionAccuracy: avg(t.sumDescriptionAccuracy),
            overall: roundedRatio(t.sumServiceAttitude + t.sumDeliverySpeed + t.sumDescriptionAccuracy, 3 * t.count, AVERAGE_PLACES),
          },
    window: { days: SCORE_WINDOW_DAYS, from: windowFrom(t.windowAsOf), asOf: t.windowAsOf, evaluations: t.windowEvaluations, positive: t.windowPositive },
    positiveRate: t.windowEvaluations === 0 ? null : roundedRatio(t.windowPositive, t.windowEvaluations, RATE_PLACES),
  };
}

/**
 * Whether a downstream reader would see a different score: the count, an average, the window's
 * counts or the rate. The window's dates alone moving is not a change (no event every midnight).
 */
export function figuresChanged(before: ScoreFigures, after: ScoreFigures): boolean {
  const values = (f: ScoreFigures) => JSON.stringify([f.evaluationCount, f.averages, f.window.evaluations, f.window.positive, f.positiveRate]);
  return values(before) !== values(after);
}

/** One evaluation's overall (the mean of its three ratings), 2 decimals. */
export function overallOf(r: Ratings): string {
  return roundedRatio(starSum(r), 3, AVERAGE_PLACES);
}
