import { nextDailySlot, nextDue, zonedInstant } from './schedule.rules';

const at = (iso: string) => new Date(iso);

describe('nextDue', () => {
  it('an interval job never run is due at once, then every n seconds on the same grid', () => {
    const now = at('2026-11-27T10:00:00Z');
    expect(nextDue({ everySeconds: 60 }, null, now)).toEqual(now);
    expect(nextDue({ everySeconds: 60 }, now, at('2026-11-27T10:00:05Z'))).toEqual(at('2026-11-27T10:01:00Z'));
  });

  it('after downtime an interval job runs once, on the next slot of its grid after now', () => {
    expect(nextDue({ everySeconds: 60 }, at('2026-11-27T10:00:00Z'), at('2026-11-27T10:07:30Z'))).toEqual(at('2026-11-27T10:08:00Z'));
    expect(nextDue({ everySeconds: 60 }, at('2026-11-27T10:00:00Z'), at('2026-11-27T10:08:00Z'))).toEqual(at('2026-11-27T10:09:00Z'));
  });

  it('a daily job waits for its slot, then runs the next day; missed days collapse into one run', () => {
    const daily = { dailyAt: '02:30', timeZone: 'UTC' };
    expect(nextDue(daily, null, at('2026-11-27T10:00:00Z'))).toEqual(at('2026-11-28T02:30:00Z'));
    expect(nextDue(daily, null, at('2026-11-27T01:00:00Z'))).toEqual(at('2026-11-27T02:30:00Z'));
    expect(nextDue(daily, at('2026-11-27T02:30:00Z'), at('2026-11-27T02:30:04Z'))).toEqual(at('2026-11-28T02:30:00Z'));
    expect(nextDue(daily, at('2026-11-20T02:30:00Z'), at('2026-11-27T09:00:00Z'))).toEqual(at('2026-11-28T02:30:00Z'));
  });

  it('daily slots follow the time zone, across daylight saving changes', () => {
    expect(nextDailySlot('08:00', 'Asia/Shanghai', at('2026-11-27T00:00:00Z'))).toEqual(at('2026-11-28T00:00:00Z'));
    expect(nextDailySlot('08:00', 'Asia/Shanghai', at('2026-11-26T23:59:00Z'))).toEqual(at('2026-11-27T00:00:00Z'));
    // Europe/Berlin: 08:00 is 07:00Z in winter and 06:00Z in summer (DST began 2026-03-29).
    expect(nextDailySlot('08:00', 'Europe/Berlin', at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-29T06:00:00Z'));
    expect(nextDailySlot('08:00', 'Europe/Berlin', at('2026-03-27T12:00:00Z'))).toEqual(at('2026-03-28T07:00:00Z'));
    expect(zonedInstant(2026, 10, 25, 8, 0, 'Europe/Berlin')).toEqual(at('2026-10-25T07:00:00Z'));
  });

  it('rejects a malformed time', () => {
    expect(() => nextDailySlot('25:00', 'UTC', new Date())).toThrow('dailyAt: 25:00 is not HH:MM');
  });
});
