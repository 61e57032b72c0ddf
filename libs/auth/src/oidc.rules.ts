import type { OidcConfig } from '@ereceipt/config';
import type { Role } from './api-token.entity';

/**
 * How the claims of an OpenID Connect provider become a hub person (`libs/auth/README.md` "OpenID
 * Connect"). Pure: the claims (ID token merged with UserInfo) and the configuration are arguments.
 *
 * - the person is named by the `email` claim (audit rows, the console); a provider that says the
 *   address is not verified (`email_verified: false`) is refused: the name is what four eyes compares;
 * - the role comes from `rolesClaim` (a string, a list, or a space- or comma-separated string; a
 *   dotted path reaches nested claims such as Keycloak's `realm_access.roles`) through `roleMap`;
 *   values that map to no hub role are refused, and so are values that map to two different ones
 *   (a person has one role; which one is the provider's decision, not a guess of the hub);
 * - a `seller` person needs `sellerClaim` naming the seller.
 */
export type OidcCode = 'AUTH.OIDC_NO_EMAIL' | 'AUTH.OIDC_EMAIL_NOT_VERIFIED' | 'AUTH.OIDC_ROLE_UNMAPPED' | 'AUTH.OIDC_ROLE_AMBIGUOUS' | 'AUTH.OIDC_SELLER_MISSING';

export type OidcIdentity =
  | { ok: true; subject: string; email: string; displayName: string; role: Role; sellerId: string | null }
  | { ok: false; code: OidcCode; reason: string };

const EMAIL = /^[^\s@,()<>]+@[^\s@,()<>]+\.[^\s@,()<>]+$/;

/** A claim by name, or by a dotted path when no claim has the whole name. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The values of a roles claim: a list of strings, or one string split on spaces and commas. */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function identityFromClaims(claims: Readonly<Record<string, unknown>>, config: Pick<OidcConfig, 'rolesClaim' | 'roleMap' | 'sellerClaim'>): OidcIdentity {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!subject || !EMAIL.test(email)) return { ok: false, code: 'AUTH.OIDC_NO_EMAIL', reason: 'The identity provider sent no e-mail address; the hub names people by their e-mail (ask for the "email" scope).' };
  if (claims.email_verified === false) return { ok: false, code: 'AUTH.OIDC_EMAIL_NOT_VERIFIED', reason: `The identity provider has not verified ${email}.` };
  const values = claimValues(claimAt(claims, config.rolesClaim));
  const mapped = [...new Set(values.map((v) => config.roleMap[v]).filter((r): r is NonNullable<typeof r> => r !== undefined))];
  if (mapped.length === 0) {
    return { ok: false, code: 'AUTH.OIDC_ROLE_UNMAPPED', reason: `${email} has no hub role: the claim "${config.rolesClaim}" holds ${values.length ? values.map((v) => `"${v}"`).join(', ') : 'nothing'}, and none of it is mapped (OIDC_ROLE_MAP).` };
  }
  if (mapped.length > 1) return { ok: false, code: 'AUTH.OIDC_ROLE_AMBIGUOUS', reason: `${email} maps to ${mapped.join(' and ')}; a person has one role in the hub.` };
  const role = mapped[0] as Role;
  const sellerValue = claimAt(claims, config.sellerClaim);
  const sellerId = role === 'seller' && typeof sellerValue === 'string' && sellerValue.trim() ? sellerValue.trim() : null;
  if (role === 'seller' && !sellerId) return { ok: false, code: 'AUTH.OIDC_SELLER_MISSING', reason: `${email} is a seller person but the claim "${config.sellerClaim}" names no seller.` };
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
  return { ok: true, subject, email, displayName: name, role, sellerId };
}
