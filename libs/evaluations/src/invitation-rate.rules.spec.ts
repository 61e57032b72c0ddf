import { mayInvite } from './invitation-rate.rules';

describe('evaluation invitation rate limit', () => {
  const limit = { minIntervalSeconds: 86_400, maxPerOrder: 3 };
  const at = (iso: string) => new Date(iso);

  it('lets the first invitation go', () => {
    expect(mayInvite([], at('2026-11-02T10:00:00Z'), limit)).toEqual({ ok: true });
  });

  it('refuses a second within 24 hours, saying when, and allows it after', () => {
    const sent = [at('2026-11-02T10:00:00Z')];
    expect(mayInvite(sent, at('2026-11-03T09:59:59Z'), limit)).toEqual({
      ok: false,
      reason: 'an invitation was sent at 2026-11-02T10:00:00.000Z; the next may go at 2026-11-03T10:00:00.000Z',
      retryAfterSeconds: 1,
      nextAllowedAt: at('2026-11-03T10:00:00Z'),
    });
    expect(mayInvite(sent, at('2026-11-03T10:00:00Z'), limit)).toEqual({ ok: true });
  });

  it('measures from the latest invitation whatever the order they come in', () => {
    const sent = [at('2026-11-05T10:00:00Z'), at('2026-11-02T10:00:00Z')];
    expect(mayInvite(sent, at('2026-11-06T00:00:00Z'), limit)).toMatchObject({ ok: false, retryAfterSeconds: 36_000 });
  });

  it('refuses a fourth invitation for good (no retry time)', () => {
    const sent = ['2026-11-02', '2026-11-04', '2026-11-06'].map((d) => at(`${d}T10:00:00Z`));
    expect(mayInvite(sent, at('2026-11-20T10:00:00Z'), limit)).toEqual({ ok: false, reason: '3 invitations were sent for this order (at most 3)', retryAfterSeconds: null, nextAllowedAt: null });
  });
});
