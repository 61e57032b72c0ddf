import { afterFailure, isPermanentSmtpFailure, MAIL_RETRY, messageIdFor, retryDelayMs } from './mail-retry.rules';

describe('mail retry policy', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it('backs off exponentially from 30 s, capped at one hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(8)).toBe(MAIL_RETRY.maxDelayMs);
    expect(retryDelayMs(10_000)).toBe(MAIL_RETRY.maxDelayMs);
  });

  it('retries a temporary failure for ever', () => {
    expect(afterFailure(1, { responseCode: 451 }, now)).toEqual({ status: 'PENDING', nextAttemptAt: new Date('2026-03-01T10:00:30Z') });
    expect(afterFailure(1000, { message: 'connect ECONNREFUSED' }, now)).toEqual({ status: 'PENDING', nextAttemptAt: new Date('2026-03-01T11:00:00Z') });
  });

  it('gives a permanent rejection a few attempts, then marks it FAILED', () => {
    expect(isPermanentSmtpFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 421 })).toBe(false);
    expect(afterFailure(MAIL_RETRY.permanentAttempts - 1, { responseCode: 550 }, now).status).toBe('PENDING');
    expect(afterFailure(MAIL_RETRY.permanentAttempts, { responseCode: 550 }, now)).toEqual({ status: 'FAILED' });
  });

  it('derives a stable Message-ID from the row id and the sender domain', () => {
    expect(messageIdFor('0b9d', 'e-receipt hub <no-reply@ereceipt.example>')).toBe('<0b9d@ereceipt.example>');
    expect(messageIdFor('0b9d', 'no sender')).toBe('<0b9d@ereceipt-hub.local>');
  });
});
