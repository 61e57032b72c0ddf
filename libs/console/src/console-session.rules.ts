import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The console session cookie carries a person's session token (`ers_...`, 256 random bits; the
 * server keeps its SHA-256 in `user_session` with an idle and an absolute expiry, see
 * `UsersService`). Logging out, a password reset or disabling the user ends it at once.
 * The CSRF token of the forms is an HMAC of the cookie. Pure: the secret is an argument.
 */
export const SESSION_COOKIE = 'ereceipt_console';

const mac = (secret: string, purpose: string, value: string) => createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The form token of a session (double defence with SameSite=Strict): bound to the cookie, so it changes with each login. */
export function csrfToken(secret: string, cookie: string): string {
  return mac(secret, 'console-csrf', cookie);
}

export function checkCsrf(secret: string, cookie: string, sent: unknown): boolean {
  return typeof sent === 'string' && same(sent, csrfToken(secret, cookie));
}

/** `Cookie:` header → value of one cookie (no dependency on cookie-parser for one cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The cookie lives as long as the session may (its absolute expiry); the server ends it earlier when idle. */
export function sessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
