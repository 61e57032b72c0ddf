import { fulfilmentStatusOf, isShipDateMissed, utcDate } from './fulfilment.rules';
import { foldTracking, type TrackingFact } from './tracking.rules';

const lines = [500, 20];

describe('order fulfilment from shipments', () => {
  it('nothing, part, everything in shipments; delivered once every shipment is', () => {
    expect(fulfilmentStatusOf(lines, [])).toBe('NOT_SHIPPED');
    expect(fulfilmentStatusOf(lines, [{ items: [{ line: 0, quantity: 200 }], status: 'DELIVERED' }])).toBe('PARTLY_SHIPPED');
    const both = [
      { items: [{ line: 0, quantity: 200 }], status: 'DELIVERED' as const },
      { items: [{ line: 0, quantity: 300 }, { line: 1, quantity: 20 }], status: 'ARRIVED' as const },
    ];
    expect(fulfilmentStatusOf(lines, both)).toBe('SHIPPED');
    expect(fulfilmentStatusOf(lines, [both[0], { ...both[1], status: 'DELIVERED' }])).toBe('DELIVERED');
  });

  it('never moves back: the previous status is a floor (a buyer-confirmed delivery stays delivered)', () => {
    expect(fulfilmentStatusOf(lines, [{ items: [{ line: 0, quantity: 500 }, { line: 1, quantity: 20 }], status: 'DEPARTED' }], 'DELIVERED')).toBe('DELIVERED');
  });

  it('every arrival order of the events of two shipments ends with the order DELIVERED, and only once all arrived', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 18, h)).toISOString();
    const a: TrackingFact[] = [{ eventId: 'a1', type: 'PICKED_UP', occurredAt: at(1) }, { eventId: 'a2', type: 'DEPARTED', occurredAt: at(5) }, { eventId: 'a3', type: 'DELIVERED', occurredAt: at(9) }];
    const b: TrackingFact[] = [{ eventId: 'b1', type: 'PICKED_UP', occurredAt: at(2) }, { eventId: 'b2', type: 'EXCEPTION', occurredAt: at(3) }, { eventId: 'b3', type: 'DELIVERED', occurredAt: at(8) }];
    const all = [...a, ...b];
    const perms = (xs: TrackingFact[]): TrackingFact[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    for (const order of perms(all)) {
      const seenA: TrackingFact[] = [];
      const seenB: TrackingFact[] = [];
      let status = fulfilmentStatusOf(lines, []);
      for (const e of order) {
        (e.eventId.startsWith('a') ? seenA : seenB).push(e);
        status = fulfilmentStatusOf(
          lines,
          [
            { items: [{ line: 0, quantity: 500 }], status: foldTracking(seenA).status },
            { items: [{ line: 1, quantity: 20 }], status: foldTracking(seenB).status },
          ],
          status,
        );
        const done = seenA.some((x) => x.type === 'DELIVERED') && seenB.some((x) => x.type === 'DELIVERED');
        expect(status).toBe(done ? 'DELIVERED' : 'SHIPPED');
      }
    }
  });
});

describe('ship-date deadline', () => {
  const open = { lifecycleStatus: 'SUBMITTED', expectedShipDate: '2026-12-20', hasLogistics: false };
  it('flags an open order the day after its expected ship date (UTC), not on the day', () => {
    expect(isShipDateMissed(open, '2026-12-20')).toBe(false);
    expect(isShipDateMissed(open, '2026-12-21')).toBe(true);
    expect(isShipDateMissed({ ...open, lifecycleStatus: 'CONFIRMED' }, '2027-01-01')).toBe(true);
  });
  it('not with logistics information, nor for drafts, cancelled or completed orders', () => {
    expect(isShipDateMissed({ ...open, hasLogistics: true }, '2026-12-21')).toBe(false);
    for (const lifecycleStatus of ['DRAFT', 'CANCELLED', 'COMPLETED']) expect(isShipDateMissed({ ...open, lifecycleStatus }, '2026-12-21')).toBe(false);
  });
  it('the calendar is UTC', () => {
    expect(utcDate(new Date('2026-12-20T23:59:59+08:00'))).toBe('2026-12-20');
    expect(utcDate(new Date('2026-12-21T00:30:00-01:00'))).toBe('2026-12-21');
  });
});
