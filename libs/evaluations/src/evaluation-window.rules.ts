/**
 * The evaluation window (docs/domain.md §5 "Within 30 days after completion"), in whole UTC calendar
 * days: the day the order completed is day 0, and the buyer may evaluate (and the seller invite)
 * until the end of day 30, i.e. before 00:00 UTC of day 31. A person reads "until 2026-12-01"
 * and it means that whole day, wherever the order completed in its day. Pure.
 */
export const EVALUATION_WINDOW_DAYS = 30;
/**
 * The signed link of an invitation keeps working this long after the window closed, so a late
 * buyer reads "the window closed on ..." (409) instead of "the link has expired" (401).
 */
export const LINK_GRACE_DAYS = 30;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS));
}

/** 00:00 UTC of a day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export interface EvaluationWindow {
  /** The UTC day the order completed (day 0). */
  opensOn: string;
  /** The last UTC day an evaluation is accepted (day 30). */
  closesOn: string;
  /** The first instant it is refused: 00:00 UTC of day 31. */
  closesAt: Date;
}

export function evaluationWindow(completedAt: Date): EvaluationWindow {
  const opensOn = utcDay(completedAt);
  const closesOn = addDays(opensOn, EVALUATION_WINDOW_DAYS);
  return { opensOn, closesOn, closesAt: startOfDay(addDays(closesOn, 1)) };
}

export type WindowVerdict = { ok: true; window: EvaluationWindow } | { ok: false; window: EvaluationWindow; reason: string };

/** Open from completion to the end of day 30 (an instant before completion, a skewed clock, counts as open). */
export function checkEvaluationWindow(completedAt: Date, now: Date): WindowVerdict {
  const window = evaluationWindow(completedAt);
  if (now.getTime() < window.closesAt.getTime()) return { ok: true, window };
  return {
    ok: false,
    window,
    reason: `the evaluation window closed at the end of ${window.closesOn} (UTC): evaluations are accepted for ${EVALUATION_WINDOW_DAYS} days after the order completed on ${window.opensOn}`,
  };
}

/** When an invitation's signed link stops working. */
export function invitationLinkExpiry(completedAt: Date): Date {
  return new Date(evaluationWindow(completedAt).closesAt.getTime() + LINK_GRACE_DAYS * DAY_MS);
}
