import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, type DomainErrorKind } from '@ereceipt/contracts';

/**
 * Signed links for buyers (docs/domain.md §2 order page, §5 evaluation invitation). A token is
 * `base64url(payload).base64url(HMAC-SHA256(HUB_SECRET, "ereceipt-link.v1." + payload segment))`.
 * The payload binds the purpose, the order and the expiry, so a token for one order or purpose
 * never opens another. No session, no database row: the secret is the only state.
 */
export type LinkPurpose = 'buyer-order' | 'evaluation';
export type LinkErrorCode = 'LINK.TAMPERED' | 'LINK.EXPIRED' | 'LINK.WRONG_ORDER' | 'LINK.WRONG_PURPOSE' | 'LINK.MALFORMED';

export interface LinkClaims {
  purpose: LinkPurpose;
  /** The order number. */
  subject: string;
  expiresAt: Date;
}

export type VerifyLinkResult = { ok: true; expiresAt: Date } | { ok: false; code: LinkErrorCode };

interface Payload {
  v: 1;
  p: LinkPurpose;
  s: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

const DOMAIN_SEPARATOR = 'ereceipt-link.v1.';
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_CHARS = 43; // 32 bytes of HMAC-SHA256, base64url without padding

const mac = (payloadSegment: string, secret: string) => createHmac('sha256', secret).update(DOMAIN_SEPARATOR + payloadSegment).digest('base64url');

export function signLink(claims: LinkClaims, secret: string): string {
  const payload: Payload = { v: 1, p: claims.purpose, s: claims.subject, e: Math.floor(claims.expiresAt.getTime() / 1000) };
  const segment = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${segment}.${mac(segment, secret)}`;
}

export function verifyLink(token: string, expected: { purpose: LinkPurpose; subject: string; now: Date }, secret: string): VerifyLinkResult {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 2 || !SEGMENT.test(parts[0]) || !SEGMENT.test(parts[1]) || parts[1].length !== SIGNATURE_CHARS) return { ok: false, code: 'LINK.MALFORMED' };
  const [segment, signature] = parts;
  // Compare the canonical base64url text, not decoded bytes: base64 decoding ignores the unused
  // low bits of the last character, so a flipped bit there would otherwise still verify.
  const actual = Buffer.from(signature);
  const wanted = Buffer.from(mac(segment, secret));
  if (actual.length !== wanted.length || !timingSafeEqual(actual, wanted)) return { ok: false, code: 'LINK.TAMPERED' };
  const payload = parsePayload(segment);
  if (!payload) return { ok: false, code: 'LINK.MALFORMED' };
  if (payload.p !== expected.purpose) return { ok: false, code: 'LINK.WRONG_PURPOSE' };
  if (payload.s !== expected.subject) return { ok: false, code: 'LINK.WRONG_ORDER' };
  if (expected.now.getTime() >= payload.e * 1000) return { ok: false, code: 'LINK.EXPIRED' };
  return { ok: true, expiresAt: new Date(payload.e * 1000) };
}

function parsePayload(segment: string): Payload | null {
  try {
    const p = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Partial<Payload>;
    const valid = p.v === 1 && (p.p === 'buyer-order' || p.p === 'evaluation') && typeof p.s === 'string' && Number.isSafeInteger(p.e);
    return valid ? (p as Payload) : null;
  } catch {
    return null;
  }
}

const errorKinds: Record<LinkErrorCode, { kind: DomainErrorKind; message: string }> = {
  'LINK.MALFORMED': { kind: 'unauthorized', message: 'the link is not a valid signed link' },
  'LINK.TAMPERED': { kind: 'unauthorized', message: 'the link signature does not match' },
  'LINK.EXPIRED': { kind: 'unauthorized', message: 'the link has expired; ask the seller for a new one' },
  'LINK.WRONG_ORDER': { kind: 'forbidden', message: 'the link is for another order' },
  'LINK.WRONG_PURPOSE': { kind: 'forbidden', message: 'the link does not allow this action' },
};

/** The error an edge throws for a failed verification: 401 for a bad or expired link, 403 for a valid link used elsewhere. */
export function linkError(code: LinkErrorCode): DomainError<LinkErrorCode> {
  const { kind, message } = errorKinds[code];
  return new DomainError(code, message, kind);
}

/** Verifies or throws the matching DomainError. */
export function assertLink(token: string, expected: { purpose: LinkPurpose; subject: string; now: Date }, secret: string): { expiresAt: Date } {
  const result = verifyLink(token, expected, secret);
  if (!result.ok) throw linkError(result.code);
  return { expiresAt: result.expiresAt };
}

/** The buyer's order page (docs/contract.md: `GET /buyer/orders/{orderNo}?t=`, under `/api/v1`). */
export function buyerOrderUrl(publicUrl: string, orderNo: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/buyer/orders/${encodeURIComponent(orderNo)}?t=${token}`;
}
