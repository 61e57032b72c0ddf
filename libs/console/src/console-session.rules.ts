import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The console session is a signed cookie, not a server-side row: `<payload>.<hmac>` where payload
 * is base64url JSON `{t: tokenId, e: expiry seconds}` and the HMAC-SHA256 key is HUB_SECRET. The
 * bearer token itself never goes into the cookie; each request re-reads the token row by id, so a
 * revoked token ends its sessions at once. Pure: the secret and the clock are arguments.
 */
export const SESSION_COOKIE = 'ereceipt_console';
export const SESSION_SECONDS = 8 * 3600;

export interface ConsoleSession {
  tokenId: string;
  expiresAt: number;
}

const mac = (secret: string, purpose: string, value: string) => createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signSession(secret: string, tokenId: string, nowSeconds: number): string {
  const payload = Buffer.from(JSON.stringify({ t: tokenId, e: nowSeconds + SESSION_SECONDS })).toString('base64url');
  return `${payload}.${mac(secret, 'console-session', payload)}`;
}

export function verifySession(secret: string, cookie: string | undefined, nowSeconds: number): ConsoleSession | null {
  if (!cookie) return null;
  const [payload, sig, extra] = cookie.split('.');
  if (!payload || !sig || extra !== undefined || !same(sig, mac(secret, 'console-session', payload))) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t?: unknown; e?: unknown };
    if (typeof v.t !== 'string' || typeof v.e !== 'number' || v.e <= nowSeconds) return null;
    return { tokenId: v.t, expiresAt: v.e };
  } catch {
    return null;
  }
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

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
