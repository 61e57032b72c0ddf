/**
 * Re-sending a payment reminder (docs/domain.md §2 "Reminders can be re-sent, rate-limited"): a re-send
 * comes at least `minIntervalSeconds` after the previous reminder, and at most `maxPerDay`
 * reminders (the one sent on submit included) go out in any 24 hours. Pure: timestamps in, verdict out.
 */
export interface ReminderRateLimit {
  minIntervalSeconds: number;
  maxPerDay: number;
}

export type ReminderVerdict = { ok: true } | { ok: false; reason: string; retryAfterSeconds: number; nextAllowedAt: Date };

const DAY_MS = 86_400_000;

export function mayResendReminder(previous: readonly Date[], now: Date, limit: ReminderRateLimit): ReminderVerdict {
  const sorted = [...previous].sort((a, b) => a.getTime() - b.getTime());
  const refuse = (reason: string, at: number): ReminderVerdict => ({ ok: false, reason, retryAfterSeconds: Math.max(1, Math.ceil((at - now.getTime()) / 1000)), nextAllowedAt: new Date(at) });
  const last = sorted.at(-1);
  if (last) {
    const allowedAt = last.getTime() + limit.minIntervalSeconds * 1000;
    if (now.getTime() < allowedAt) return refuse(`a reminder was sent at ${last.toISOString()}; the next may go at ${new Date(allowedAt).toISOString()}`, allowedAt);
  }
  const inWindow = sorted.filter((t) => t.getTime() > now.getTime() - DAY_MS);
  if (inWindow.length >= limit.maxPerDay) {
    // The window frees a slot when the oldest reminder in it turns 24 hours old.
    const allowedAt = inWindow[inWindow.length - limit.maxPerDay].getTime() + DAY_MS;
    return refuse(`${inWindow.length} reminders in the last 24 hours (at most ${limit.maxPerDay}); the next may go at ${new Date(allowedAt).toISOString()}`, allowedAt);
  }
  return { ok: true };
}
