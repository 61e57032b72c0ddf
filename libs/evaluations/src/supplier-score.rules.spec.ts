import fc from 'fast-check';
import Decimal from 'decimal.js';
import { addDays } from './evaluation-window.rules';
import { addEvaluation, emptyTotals, figuresChanged, figuresOf, inWindow, isPositive, overallOf, roundedRatio, type ScoredEvaluation, totalsOf, windowFrom } from './supplier-score.rules';

const ev = (s: number, d: number, a: number, at: string): ScoredEvaluation => ({ ratings: { serviceAttitude: s, deliverySpeed: d, descriptionAccuracy: a }, submittedAt: new Date(at) });

describe('roundedRatio (exact, ROUND_HALF_EVEN)', () => {
  it.each([
    [13, 3, 2, '4.33'],
    [14, 3, 2, '4.67'],
    [5, 1, 2, '5.00'],
    [33, 8, 2, '4.12'], // 4.125: a tie, to the even 4.12
    [35, 8, 2, '4.38'], // 4.375: a tie, to the even 4.38
    [1, 8, 2, '0.12'], // 0.125
    [5, 6, 4, '0.8333'],
    [1, 3, 4, '0.3333'],
    [2, 3, 4, '0.6667'],
    [0, 7, 4, '0.0000'],
    [1, 1, 4, '1.0000'],
  ])('%i / %i to %i places = %s', (n, d, places, expected) => {
    expect(roundedRatio(n, d, places)).toBe(expected);
  });

  it('equals decimal.js division at 100 digits, rounded half-even, for any whole numbers', () => {
    const Big = Decimal.clone({ precision: 100 });
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 0, max: 6 }), (n, d, places) => {
        expect(roundedRatio(n, d, places)).toBe(new Big(n).div(d).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places));
      }),
    );
  });

  it('refuses what is not a ratio of counts', () => {
    expect(() => roundedRatio(1, 0, 2)).toThrow(RangeError);
    expect(() => roundedRatio(1.5, 2, 2)).toThrow(RangeError);
  });
});

describe('positive evaluations (overall >= 4 stars)', () => {
  it.each([
    [4, 4, 4, true],
    [5, 5, 2, true], // 12 / 3 = 4.00
    [5, 4, 2, false], // 3.67
    [5, 5, 1, false], // 3.67
    [3, 4, 5, true],
  ])('%i %i %i -> %s', (s, d, a, positive) => {
    expect(isPositive({ serviceAttitude: s, deliverySpeed: d, descriptionAccuracy: a })).toBe(positive);
  });

  it("one evaluation's overall is its mean, 2 decimals", () => {
    expect(overallOf({ serviceAttitude: 5, deliverySpeed: 4, descriptionAccuracy: 4 })).toBe('4.33');
  });
});

describe('the 180-day window (whole UTC days, today included)', () => {
  it('runs from 179 days before asOf to asOf', () => {
    expect(windowFrom('2026-06-29')).toBe('2026-01-01');
    expect(inWindow(new Date('2026-01-01T00:00:00Z'), '2026-06-29')).toBe(true);
    expect(inWindow(new Date('2025-12-31T23:59:59Z'), '2026-06-29')).toBe(false);
    expect(inWindow(new Date('2026-06-29T23:59:59Z'), '2026-06-29')).toBe(true);
    expect(inWindow(new Date('2026-06-30T00:00:00Z'), '2026-06-29')).toBe(false);
  });

  it('moves: an evaluation of 2026-01-01 counts through 2026-06-29 (its day 179) and drops out on 2026-06-30 (day 180)', () => {
    const history = [ev(5, 5, 5, '2026-01-01T09:00:00Z'), ev(2, 2, 2, '2026-03-15T09:00:00Z'), ev(4, 4, 5, '2026-06-01T09:00:00Z')];
    const before = figuresOf(totalsOf(history, '2026-06-29'));
    const after = figuresOf(totalsOf(history, '2026-06-30'));
    expect(before).toEqual({
      evaluationCount: 3,
      averages: { serviceAttitude: '3.67', deliverySpeed: '3.67', descriptionAccuracy: '4.00', overall: '3.78' },
      window: { days: 180, from: '2026-01-01', asOf: '2026-06-29', evaluations: 3, positive: 2 },
      positiveRate: '0.6667',
    });
    expect(after).toEqual({ ...before, window: { days: 180, from: '2026-01-02', asOf: '2026-06-30', evaluations: 2, positive: 1 }, positiveRate: '0.5000' });
    expect(figuresChanged(before, after)).toBe(true);
    // The history averages never move with the window.
    expect(after.averages).toEqual(before.averages);
  });

  it('an empty window has no rate, while the history keeps its averages', () => {
    const f = figuresOf(totalsOf([ev(5, 4, 3, '2026-01-01T09:00:00Z')], '2026-12-31'));
    expect(f).toMatchObject({ evaluationCount: 1, averages: { overall: '4.00' }, window: { evaluations: 0, positive: 0 }, positiveRate: null });
  });

  it('the window moving without dropping anything is not a change', () => {
    const history = [ev(5, 5, 5, '2026-06-01T09:00:00Z')];
    expect(figuresChanged(figuresOf(totalsOf(history, '2026-06-10')), figuresOf(totalsOf(history, '2026-06-11')))).toBe(false);
  });

  it('no evaluations: count 0, no averages, no rate', () => {
    expect(figuresOf(emptyTotals('2026-06-10'))).toEqual({ evaluationCount: 0, averages: null, window: { days: 180, from: '2025-12-13', asOf: '2026-06-10', evaluations: 0, positive: 0 }, positiveRate: null });
  });
});

describe('incremental updates == the daily recompute (property)', () => {
  const day0 = Date.parse('2025-01-01T00:00:00Z');
  const evaluation = fc
    .record({ s: fc.integer({ min: 1, max: 5 }), d: fc.integer({ min: 1, max: 5 }), a: fc.integer({ min: 1, max: 5 }), ms: fc.integer({ min: 0, max: 500 * 86_400_000 - 1 }) })
    .map(({ s, d, a, ms }) => ev(s, d, a, new Date(day0 + ms).toISOString()));

  it('folding each arrival into the stored totals gives what a recompute of the history gives', () => {
    fc.assert(
      fc.property(fc.array(evaluation, { maxLength: 200 }), (arrivals) => {
        // Arrivals in time order; the stored window is moved by a recompute whenever the day changes
        // (what SubmitEvaluation and the daily job do), else the arrival is added incrementally.
        const sorted = [...arrivals].sort((x, y) => x.submittedAt.getTime() - y.submittedAt.getTime());
        let stored = emptyTotals('2024-12-31');
        const seen: ScoredEvaluation[] = [];
        for (const e of sorted) {
          const today = e.submittedAt.toISOString().slice(0, 10);
          stored = stored.windowAsOf === today ? addEvaluation(stored, e) : totalsOf([...seen, e], today);
          seen.push(e);
          expect(stored).toEqual(totalsOf(seen, today));
        }
        // And the nightly recompute on any later day agrees with the figures a reader would derive.
        const later = addDays('2026-05-16', 10);
        expect(figuresOf(totalsOf(seen, later))).toEqual(figuresOf(totalsOf([...seen].reverse(), later)));
      }),
    );
  });

  it('within one day, the incremental totals equal the recompute in any arrival order', () => {
    fc.assert(
      fc.property(fc.array(evaluation, { maxLength: 100 }), fc.integer({ min: 0, max: 600 }), (arrivals, asOfOffset) => {
        const asOf = addDays('2025-01-01', asOfOffset);
        const incremental = arrivals.reduce(addEvaluation, emptyTotals(asOf));
        expect(incremental).toEqual(totalsOf([...arrivals].reverse(), asOf));
        const f = figuresOf(incremental);
        if (f.averages) for (const v of Object.values(f.averages)) expect(Number(v) >= 1 && Number(v) <= 5).toBe(true);
        expect(f.window.positive <= f.window.evaluations && f.window.evaluations <= f.evaluationCount).toBe(true);
      }),
    );
  });

  it("the overall average is the mean of the evaluations' exact means, within half a hundredth (integer check, no float)", () => {
    fc.assert(
      fc.property(fc.array(evaluation, { minLength: 1, maxLength: 60 }), (arrivals) => {
        const stars = arrivals.reduce((sum, e) => sum + e.ratings.serviceAttitude + e.ratings.deliverySpeed + e.ratings.descriptionAccuracy, 0);
        const n = arrivals.length;
        const hundredths = Number(figuresOf(totalsOf(arrivals, '2026-01-01')).averages!.overall.replace('.', ''));
        // |hundredths / 100 - stars / 3n| <= 1/200  <=>  2 * |3n * hundredths - 100 * stars| <= 3n
        expect(2 * Math.abs(3 * n * hundredths - 100 * stars) <= 3 * n).toBe(true);
      }),
    );
  });
});
