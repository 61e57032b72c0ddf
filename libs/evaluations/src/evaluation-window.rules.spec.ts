import { addDays, checkEvaluationWindow, evaluationWindow, invitationLinkExpiry } from './evaluation-window.rules';

describe('evaluation window (30 days after completion, whole UTC days)', () => {
  const completedAt = new Date('2026-11-01T15:30:00Z');

  it('is open from completion to the end of day 30 (UTC)', () => {
    expect(evaluationWindow(completedAt)).toEqual({ opensOn: '2026-11-01', closesOn: '2026-12-01', closesAt: new Date('2026-12-02T00:00:00Z') });
  });

  it.each([
    ['the moment of completion', '2026-11-01T15:30:00Z', true],
    ['day 1', '2026-11-02T00:00:00Z', true],
    ['day 30 at 00:00 UTC', '2026-12-01T00:00:00Z', true],
    ['day 30 at 23:59:59.999 UTC', '2026-12-01T23:59:59.999Z', true],
    ['day 31 at 00:00 UTC', '2026-12-02T00:00:00Z', false],
    ['day 31 at noon', '2026-12-02T12:00:00Z', false],
    ['a year later', '2027-11-01T12:00:00Z', false],
  ])('%s: %s -> open %s', (_what, now, open) => {
    expect(checkEvaluationWindow(completedAt, new Date(now)).ok).toBe(open);
  });

  it('counts days in UTC, not in the completion instant: completed at 23:59 UTC, day 30 still runs to its midnight', () => {
    const late = new Date('2026-11-01T23:59:00Z');
    expect(checkEvaluationWindow(late, new Date('2026-12-01T23:59:59Z')).ok).toBe(true);
    expect(checkEvaluationWindow(late, new Date('2026-12-02T00:00:00Z')).ok).toBe(false);
    const early = new Date('2026-11-01T00:00:00Z');
    expect(checkEvaluationWindow(early, new Date('2026-12-01T23:59:59Z')).ok).toBe(true);
  });

  it('says why it refuses, with both days', () => {
    const verdict = checkEvaluationWindow(completedAt, new Date('2026-12-02T00:00:00Z'));
    expect(verdict).toMatchObject({ ok: false, reason: 'the evaluation window closed at the end of 2026-12-01 (UTC): evaluations are accepted for 30 days after the order completed on 2026-11-01' });
  });

  it('crosses month and year ends and leap days', () => {
    expect(evaluationWindow(new Date('2027-12-15T08:00:00Z')).closesOn).toBe('2028-01-14');
    expect(evaluationWindow(new Date('2028-02-01T08:00:00Z')).closesOn).toBe('2028-03-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('lets the invitation link outlive the window by 30 days, so a late buyer reads the reason', () => {
    expect(invitationLinkExpiry(completedAt)).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});
