import { mayResendReminder } from './reminder-rate.rules';

const at = (iso: string) => new Date(iso);
const limit = { minIntervalSeconds: 900, maxPerDay: 3 };

describe('mayResendReminder', () => {
  it('allows the first reminder', () => {
    expect(mayResendReminder([], at('2026-11-27T10:00:00Z'), limit)).toEqual({ ok: true });
  });

  it('refuses inside the minimum interval and says when the next may go', () => {
    const v = mayResendReminder([at('2026-11-27T10:00:00Z')], at('2026-11-27T10:14:59Z'), limit);
    expect(v).toEqual({ ok: false, reason: expect.stringContaining('2026-11-27T10:15:00.000Z'), retryAfterSeconds: 1, nextAllowedAt: at('2026-11-27T10:15:00Z') });
  });

  it('allows exactly at the end of the interval', () => {
    expect(mayResendReminder([at('2026-11-27T10:00:00Z')], at('2026-11-27T10:15:00Z'), limit)).toEqual({ ok: true });
  });

  it('caps reminders per 24 hours, whatever order the timestamps come in', () => {
    const sent = [at('2026-11-27T12:00:00Z'), at('2026-11-27T08:00:00Z'), at('2026-11-27T10:00:00Z')];
    const v = mayResendReminder(sent, at('2026-11-27T20:00:00Z'), limit);
    expect(v).toMatchObject({ ok: false, nextAllowedAt: at('2026-11-28T08:00:00Z'), retryAfterSeconds: 12 * 3600 });
    expect(mayResendReminder(sent, at('2026-11-28T08:00:00.001Z'), limit)).toEqual({ ok: true });
  });

  it('a zero interval only applies the daily cap', () => {
    expect(mayResendReminder([at('2026-11-27T10:00:00Z')], at('2026-11-27T10:00:00Z'), { minIntervalSeconds: 0, maxPerDay: 2 })).toEqual({ ok: true });
  });
});
