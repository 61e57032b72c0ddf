import { checkCsrf, csrfToken, readCookie, sessionCookie } from './console-session.rules';

const secret = 's'.repeat(32);

describe('console session', () => {
  it('binds the form token to the session cookie', () => {
    const a = 'ers_aaaa';
    const b = 'ers_bbbb';
    expect(checkCsrf(secret, a, csrfToken(secret, a))).toBe(true);
    expect(checkCsrf(secret, b, csrfToken(secret, a))).toBe(false);
    expect(checkCsrf('t'.repeat(32), a, csrfToken(secret, a))).toBe(false);
    expect(checkCsrf(secret, a, undefined)).toBe(false);
  });

  it('reads and writes an HttpOnly, SameSite=Strict cookie scoped to /console', () => {
    expect(readCookie('a=1; ereceipt_console=x.y; b=2', 'ereceipt_console')).toBe('x.y');
    expect(readCookie(undefined, 'ereceipt_console')).toBeUndefined();
    expect(sessionCookie('v', true, 43200)).toBe('ereceipt_console=v; Path=/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure');
  });
});
