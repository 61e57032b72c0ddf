/**
 * What the mail relay does after a failed attempt. Pure, so the policy is tested without SMTP.
 *
 * - A temporary failure (4xx reply such as 451 greylisting, a refused or dropped connection, a
 *   timeout) is retried for ever, with an exponential backoff capped at one hour: a mail is never
 *   dropped because the SMTP relay was down for a weekend.
 * - A permanent reply (5xx: unknown recipient, message refused) is retried a few times (a
 *   misconfigured relay answers 5xx too), then the row becomes `FAILED`. It stays in the table with
 *   the last error; an operator sets it back to `PENDING` once the cause is fixed.
 */
export const MAIL_RETRY = {
  firstDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  permanentAttempts: 5,
} as const;

export interface SmtpFailure {
  /** The SMTP reply code, when the server answered (nodemailer's `responseCode`). */
  responseCode?: number;
  message?: string;
}

export type AfterFailure = { status: 'PENDING'; nextAttemptAt: Date } | { status: 'FAILED' };

export function isPermanentSmtpFailure(error: SmtpFailure): boolean {
  return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/** Backoff after the `attempts`-th failed attempt (1-based): 30 s, 1 min, 2 min, ... 1 h. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(MAIL_RETRY.firstDelayMs * 2 ** exponent, MAIL_RETRY.maxDelayMs);
}

export function afterFailure(attempts: number, error: SmtpFailure, now: Date): AfterFailure {
  if (isPermanentSmtpFailure(error) && attempts >= MAIL_RETRY.permanentAttempts) return { status: 'FAILED' };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** A stable Message-ID for an outbox row: the same on every re-send, so receivers can dedupe. */
export function messageIdFor(rowId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'ereceipt-hub.local';
  return `<${rowId}@${domain}>`;
}
