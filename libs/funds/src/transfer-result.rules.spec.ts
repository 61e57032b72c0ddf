import { parseTransferResult, resultTransition } from './transfer-result.rules';

const msg = (o: unknown) => Buffer.from(JSON.stringify(o));
const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('bank.transfer-results messages', () => {
  it('parses COMPLETED and FAILED; optional fields become null; executedAt in UTC', () => {
    expect(parseTransferResult(msg({ instructionId: id.toUpperCase(), status: 'COMPLETED', bankRef: 'B1', executedAt: '2026-12-01T08:00:00+08:00' }))).toEqual({ ok: true, value: { instructionId: id, status: 'COMPLETED', reason: null, bankRef: 'B1', executedAt: '2026-12-01T00:00:00.000Z' } });
    expect(parseTransferResult(msg({ instructionId: id, status: 'FAILED', reason: 'ACCOUNT CLOSED', executedAt: '2026-12-01T00:00:00Z' }))).toMatchObject({ ok: true, value: { status: 'FAILED', reason: 'ACCOUNT CLOSED', bankRef: null } });
  });
  it.each([[{ instructionId: 'x', status: 'COMPLETED', executedAt: '2026-12-01T00:00:00Z' }], [{ instructionId: id, status: 'DONE', executedAt: '2026-12-01T00:00:00Z' }], [{ instructionId: id, status: 'COMPLETED' }]])('refuses %j', (v) => {
    expect(parseTransferResult(msg(v))).toMatchObject({ ok: false, code: 'FUNDS.INVALID_RESULT' });
  });
  it('refuses what is not JSON', () => expect(parseTransferResult(Buffer.from('{'))).toMatchObject({ ok: false }));
  it('a result applies once; the same again is a repeat; the opposite is a conflict', () => {
    expect(resultTransition('REQUESTED', 'FAILED')).toBe('APPLY');
    expect(resultTransition('COMPLETED', 'COMPLETED')).toBe('REPEAT');
    expect(resultTransition('COMPLETED', 'FAILED')).toBe('CONFLICT');
    expect(resultTransition('FAILED', 'COMPLETED')).toBe('CONFLICT');
  });
});
