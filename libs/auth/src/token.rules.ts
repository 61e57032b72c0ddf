import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'erh_';

/** A new bearer token: a recognisable prefix (secret scanners can find leaks) and 256 random bits. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43;
}
