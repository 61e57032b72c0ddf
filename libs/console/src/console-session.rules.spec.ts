import { checkCsrf, csrfToken, readCookie, sessionCookie, signSession, verifySession } from './console-session.rules';

const secret = 's'.repeat(32);

describe('console session', () => {
  it('verifies its own cookie until it expires, and nothing tampered', () => {
    const cookie = signSession(secret, 'tok-1', 1000);
    expect(verifySession(secret, cookie, 1001)).toEqual({ tokenId: 'tok-1', expiresAt: 1000 + 8 * 3600 });
    expect(verifySession(secret, cookie, 1000 + 8 * 3600)).toBeNull();
    expect(verifySession('t'.repeat(32), cookie, 1001)).toBeNull();
    const [payload, sig] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ t: 'tok-2', e: 9e9 })).toString('base64url');
    expect(verifySession(secret, `${forged}.${sig}`, 1001)).toBeNull();
    expect(verifySession(secret, `${payload}.${sig}.x`, 1001)).toBeNull();
    expect(verifySession(secret, undefined, 1001)).toBeNull();
  });

  it('binds the form token to the session', () => {
    const a = signSession(secret, 'tok-1', 1000);
    const b = signSession(secret, 'tok-1', 2000);
    expect(checkCsrf(secret, a, csrfToken(secret, a))).toBe(true);
    expect(checkCsrf(secret, b, csrfToken(secret, a))).toBe(false);
    expect(checkCsrf(secret, a, undefined)).toBe(false);
  });

  it('reads and writes an HttpOnly, SameSite=Strict cookie scoped to /console', () => {
    expect(readCookie('a=1; ereceipt_console=x.y; b=2', 'ereceipt_console')).toBe('x.y');
    expect(readCookie(undefined, 'ereceipt_console')).toBeUndefined();
    expect(sessionCookie('v', true)).toBe('ereceipt_console=v; Path=/console; HttpOnly; SameSite=Strict; Max-Age=28800; Secure');
  });
});
