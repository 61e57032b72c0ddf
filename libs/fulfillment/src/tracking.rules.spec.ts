import { applyTracking, exceptionOpen, foldTracking, initialTracking, lastEventAt, type TrackingFact, type TrackingState, trackingChanged } from './tracking.rules';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 18, hour)).toISOString();
const ev = (eventId: string, type: TrackingFact['type'], hour: number): TrackingFact => ({ eventId, type, occurredAt: at(hour) });

/** A real sea shipment: picked up, export customs, a hold at the port, departure, arrival, delivery. */
const journey: TrackingFact[] = [
  ev('e1', 'PICKED_UP', 1),
  ev('e2', 'CUSTOMS_DECLARED', 3),
  ev('e3', 'EXCEPTION', 4),
  ev('e4', 'CUSTOMS_CLEARED', 6),
  ev('e5', 'DEPARTED', 8),
  ev('e6', 'ARRIVED', 20),
  ev('e7', 'DELIVERED', 23),
];

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i], ...p];
  }
}

/** States compare by content, not by key order (`reachedAt` is built in arrival order). */
const canonical = (s: TrackingState) => JSON.stringify({ ...s, reachedAt: Object.fromEntries(Object.entries(s.reachedAt).sort()) });

describe('tracking state (monotonic, order-independent)', () => {
  const expected = foldTracking(journey);

  it('the journey in order ends DELIVERED, each milestone at its time, no open exception', () => {
    expect(expected).toEqual({
      status: 'DELIVERED',
      reachedAt: { PICKED_UP: at(1), CUSTOMS_DECLARED: at(3), CUSTOMS_CLEARED: at(6), DEPARTED: at(8), ARRIVED: at(20), DELIVERED: at(23) },
      lastProgressAt: at(23),
      lastException: { eventId: 'e3', occurredAt: at(4) },
    });
    expect(exceptionOpen(expected)).toBe(false);
    expect(lastEventAt(expected)).toBe(at(23));
  });

  it('every permutation of the 7 events (5040 orders of arrival) converges to the same state', () => {
    let n = 0;
    for (const order of permutations(journey)) {
      expect(canonical(foldTracking(order))).toBe(canonical(expected));
      n++;
    }
    expect(n).toBe(5040);
  });

  it('every permutation with every event delivered twice (duplicates anywhere) converges too', () => {
    // 14 events have too many orders to enumerate: each permutation of the 7, with the copies
    // interleaved at a position derived from the permutation, covers duplicates early, late and adjacent.
    let n = 0;
    for (const order of permutations(journey)) {
      const doubled = [...order];
      order.forEach((e, i) => doubled.splice((i * 5 + n) % (doubled.length + 1), 0, e));
      expect(canonical(foldTracking(doubled))).toBe(canonical(expected));
      n++;
    }
  });

  it('a late PICKED_UP never undoes DELIVERED (even one claiming to have happened after it)', () => {
    const delivered = foldTracking([ev('d', 'DELIVERED', 23)]);
    expect(applyTracking(delivered, ev('p', 'PICKED_UP', 1)).status).toBe('DELIVERED');
    expect(applyTracking(delivered, ev('p2', 'PICKED_UP', 30)).status).toBe('DELIVERED');
  });

  it('every prefix of every arrival order only moves forward (monotonic)', () => {
    for (const order of permutations(journey.slice(0, 6))) {
      let state = initialTracking;
      for (const e of order) {
        const next = applyTracking(state, e);
        expect(['AWAITING_PICKUP', 'PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED'].indexOf(next.status)).toBeGreaterThanOrEqual(
          ['AWAITING_PICKUP', 'PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED'].indexOf(state.status),
        );
        state = next;
      }
    }
  });

  it('applying the same event twice changes nothing (idempotent)', () => {
    for (const e of journey) {
      const once = applyTracking(initialTracking, e);
      expect(applyTracking(once, e)).toEqual(once);
    }
  });

  it('an exception is open until something progresses after it (by occurredAt, whatever the arrival order)', () => {
    const held = foldTracking([ev('a', 'DEPARTED', 8), ev('x', 'EXCEPTION', 10)]);
    expect(exceptionOpen(held)).toBe(true);
    expect(exceptionOpen(applyTracking(held, ev('b', 'ARRIVED', 12)))).toBe(false);
    // An ARRIVED that happened before the exception (arriving late) does not clear it.
    expect(exceptionOpen(applyTracking(held, ev('c', 'CUSTOMS_CLEARED', 7)))).toBe(true);
    // Delivered shipments have no open exception.
    expect(exceptionOpen(applyTracking(held, ev('d', 'DELIVERED', 9)))).toBe(false);
    expect(exceptionOpen(foldTracking([ev('x', 'EXCEPTION', 1)]))).toBe(true);
  });

  it('a milestone reported twice keeps its earliest time; two exceptions at the same instant pick one by id', () => {
    expect(foldTracking([ev('a', 'DEPARTED', 9), ev('b', 'DEPARTED', 8)]).reachedAt.DEPARTED).toBe(at(8));
    expect(foldTracking([ev('x2', 'EXCEPTION', 5), ev('x1', 'EXCEPTION', 5)]).lastException?.eventId).toBe('x2');
    expect(foldTracking([ev('x1', 'EXCEPTION', 5), ev('x2', 'EXCEPTION', 5)]).lastException?.eventId).toBe('x2');
  });

  it('trackingChanged: status or open exception, not a re-reported time', () => {
    const a = foldTracking([ev('a', 'DEPARTED', 9)]);
    expect(trackingChanged(a, applyTracking(a, ev('b', 'DEPARTED', 8)))).toBe(false);
    expect(trackingChanged(a, applyTracking(a, ev('c', 'ARRIVED', 10)))).toBe(true);
    expect(trackingChanged(a, applyTracking(a, ev('x', 'EXCEPTION', 10)))).toBe(true);
  });
});
