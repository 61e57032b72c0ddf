/**
 * Sending evaluation invitations again (issue #8 "sending is rate-limited"), the same idea as the
 * payment reminders (libs/orders reminder-rate.rules.ts): an invitation comes at least
 * `minIntervalSeconds` after the previous one for the same order, and an order gets at most
 * `maxPerOrder` invitations in all (the window is 30 days; a buyer is not to be pestered). Pure.
 */
export interface InvitationRateLimit {
  minIntervalSeconds: number;
  maxPerOrder: number;
}

export const INVITATION_RATE_LIMIT: InvitationRateLimit = { minIntervalSeconds: 86_400, maxPerOrder: 3 };

export type InvitationVerdict = { ok: true } | { ok: false; reason: string; retryAfterSeconds: number | null; nextAllowedAt: Date | null };

export function mayInvite(previous: readonly Date[], now: Date, limit: InvitationRateLimit = INVITATION_RATE_LIMIT): InvitationVerdict {
  if (previous.length >= limit.maxPerOrder) {
    return { ok: false, reason: `${previous.length} invitations were sent for this order (at most ${limit.maxPerOrder})`, retryAfterSeconds: null, nextAllowedAt: null };
  }
  const last = Math.max(...previous.map((d) => d.getTime()));
  if (previous.length > 0) {
    const allowedAt = last + limit.minIntervalSeconds * 1000;
    if (now.getTime() < allowedAt) {
      return {
        ok: false,
        reason: `an invitation was sent at ${new Date(last).toISOString()}; the next may go at ${new Date(allowedAt).toISOString()}`,
        retryAfterSeconds: Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000)),
        nextAllowedAt: new Date(allowedAt),
      };
    }
  }
  return { ok: true };
}
