import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { type Role } from './api-token.entity';
import type { OidcIdentity } from './oidc.rules';
import type { Principal } from './principal';
import { UserEntity, UserSessionEntity } from './user.entity';

const SESSION_PREFIX = 'ers_';
const EMAIL = /^[^\s@,()<>]+@[^\s@,()<>]+\.[^\s@,()<>]+$/;
/** A session's last use is written at most this often (a page view is not a write each time). */
const TOUCH_MS = 30_000;

export const sha256 = (v: string): string => createHash('sha256').update(v).digest('hex');
export const looksLikeSessionToken = (v: string): boolean => v.startsWith(SESSION_PREFIX) && v.length === SESSION_PREFIX.length + 43;

export interface NewUser {
  email: string;
  role: Role;
  sellerId?: string | null;
  displayName?: string | null;
  password?: string | null;
}

export type LoginResult = { ok: true; token: string; expiresAt: Date; principal: Principal } | { ok: false; code: 'AUTH.BAD_CREDENTIALS' | 'AUTH.TOTP_REQUIRED' | 'AUTH.BAD_TOTP'; reason: string };

export type OidcSignInResult =
  | { ok: true; token: string; expiresAt: Date; principal: Principal }
  | { ok: false; code: 'AUTH.OIDC_ACCOUNT_CONFLICT' | 'AUTH.OIDC_UNKNOWN_SELLER' | 'AUTH.USER_DISABLED'; reason: string };

/** A random password for `users create` / `users reset-password` without one: 24 characters of base64url (144 bits). */
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function checkPassword(password: string): string | null {
  if (password.length < 12) return 'a password has at least 12 characters';
  if (password.length > 256) return 'a password has at most 256 characters';
  return null;
}

/**
 * Local users: argon2id password hashes (@node-rs/argon2, OWASP parameters by default), an optional
 * TOTP second factor (otpauth, RFC 6238: SHA-1, 6 digits, 30 s, one step either side), and server-side sessions with an idle and an absolute
 * expiry. A session token is 256 random bits shown once (cookie or bearer); only its SHA-256 is kept.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'sessions'>,
  ) {}

  async create(input: NewUser): Promise<{ id: string; email: string; password: string }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new DomainError('AUTH.INVALID_EMAIL', `--email: ${input.email} is not an e-mail address`);
    if (input.role === 'seller' && !input.sellerId) throw new DomainError('AUTH.SELLER_REQUIRED', 'a seller user is bound to one seller (--seller ID)');
    if (input.role !== 'seller' && input.sellerId) throw new DomainError('AUTH.SELLER_NOT_ALLOWED', `a ${input.role} user is not bound to a seller`);
    if (input.role === 'connector') throw new DomainError('AUTH.ROLE_NOT_FOR_PEOPLE', 'the connector role is for machine tokens (`ereceipt tokens create`)');
    const password = input.password ?? newPassword();
    const weak = checkPassword(password);
    if (weak) throw new DomainError('AUTH.WEAK_PASSWORD', weak);
    const em = this.em.fork();
    if (input.sellerId) {
      const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id::text = ?`, [input.sellerId]);
      if (!seller) throw new DomainError('AUTH.NO_SUCH_SELLER', `--seller: there is no seller ${input.sellerId}`, 'not-found');
    }
    if (await em.findOne(UserEntity, { email })) throw new DomainError('AUTH.USER_EXISTS', `a user ${email} exists already`, 'conflict');
    const now = new Date();
    const user = em.create(UserEntity, {
      id: randomUUID(),
      email,
      displayName: input.displayName?.trim() || email,
      role: input.role,
      sellerId: input.sellerId ?? null,
      passwordHash: await argonHash(password),
      totpSecret: null,
      createdAt: now,
      passwordChangedAt: now,
      disabledAt: null,
      oidcIssuer: null,
      oidcSubject: null,
    });
    await em.persistAndFlush(user);
    return { id: user.id, email, password };
  }

  async list(): Promise<UserEntity[]> {
    return this.em.fork().find(UserEntity, {}, { orderBy: { email: 'asc' } });
  }

  /** A new password (given or generated); every session of the user ends. */
  async resetPassword(email: string, password: string | null = null): Promise<string> {
    const next = password ?? newPassword();
    const weak = checkPassword(next);
    if (weak) throw new DomainError('AUTH.WEAK_PASSWORD', weak);
    const em = this.em.fork();
    const user = await this.byEmail(em, email);
    if (user.oidcIssuer) throw new DomainError('AUTH.OIDC_USER', `${user.email} signs in at the identity provider (${user.oidcIssuer}); the hub keeps no password for them`, 'conflict');
    await em.nativeUpdate(UserEntity, { id: user.id }, { passwordHash: await argonHash(next), passwordChangedAt: new Date() });
    await this.endSessions(em, user.id);
    return next;
  }

  /** Turns the TOTP second factor on (a new secret) or off; returns the otpauth:// URI to scan. */
  async setTotp(email: string, on: boolean): Promise<{ secret: string; uri: string } | null> {
    const em = this.em.fork();
    const user = await this.byEmail(em, email);
    const secret = on ? new Secret({ size: 20 }).base32 : null;
    await em.nativeUpdate(UserEntity, { id: user.id }, { totpSecret: secret });
    await this.endSessions(em, user.id);
    return secret ? { secret, uri: totp(secret, user.email).toString() } : null;
  }

  async disable(email: string): Promise<void> {
    const em = this.em.fork();
    const user = await this.byEmail(em, email);
    await em.nativeUpdate(UserEntity, { id: user.id }, { disabledAt: new Date() });
    await this.endSessions(em, user.id);
  }

  /** Checks the password (always hashing, so an unknown e-mail takes as long) and the TOTP code, then opens a session. */
  async login(email: unknown, password: unknown, code: unknown, now = new Date()): Promise<LoginResult> {
    const em = this.em.fork();
    const user = typeof email === 'string' ? await em.findOne(UserEntity, { email: email.trim().toLowerCase(), disabledAt: null }) : null;
    const pass = typeof password === 'string' ? password : '';
    const matches = await argonVerify(user?.passwordHash ?? DUMMY_HASH, pass).catch(() => false);
    // A person of an OpenID Connect provider has no password here: they sign in at the provider.
    if (!user?.passwordHash || !matches) return { ok: false, code: 'AUTH.BAD_CREDENTIALS', reason: 'Unknown e-mail or wrong password.' };
    if (user.totpSecret) {
      const token = typeof code === 'string' ? code.replace(/\s/g, '') : '';
      if (!token) return { ok: false, code: 'AUTH.TOTP_REQUIRED', reason: 'Enter the 6-digit code of your authenticator app.' };
      const valid = /^\d{6}$/.test(token) && totp(user.totpSecret, user.email).validate({ token, window: 1 }) !== null;
      if (!valid) return { ok: false, code: 'AUTH.BAD_TOTP', reason: 'That code is wrong or too old.' };
    }
    return { ok: true, ...(await this.openSession(em, user, now)) };
  }

  /**
   * A person who signed in at the OpenID Connect provider (the claims already checked and mapped,
   * `identityFromClaims`): found by issuer and subject, created on their first sign-in, their e-mail,
   * name, role and seller refreshed from the claims each time; then a session like a local user's.
   * An e-mail that belongs to a local user (or to another subject) is refused: linking accounts
   * by e-mail would let whoever controls the address at the provider take the local account over.
   */
  async signInOidc(issuer: string, person: Extract<OidcIdentity, { ok: true }>, now = new Date()): Promise<OidcSignInResult> {
    const em = this.em.fork();
    if (person.sellerId) {
      const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id::text = ?`, [person.sellerId]);
      if (!seller) return { ok: false, code: 'AUTH.OIDC_UNKNOWN_SELLER', reason: `${person.email}: the seller claim names ${person.sellerId}, which is not a seller of the hub.` };
    }
    const known = await em.findOne(UserEntity, { oidcIssuer: issuer, oidcSubject: person.subject });
    const sameEmail = await em.findOne(UserEntity, { email: person.email });
    if (sameEmail && sameEmail.id !== known?.id) {
      return { ok: false, code: 'AUTH.OIDC_ACCOUNT_CONFLICT', reason: `${person.email} is already a ${sameEmail.oidcIssuer ? 'person of another identity' : 'local user'} of the hub; an administrator disables or renames one of them (\`ereceipt users\`).` };
    }
    if (known?.disabledAt) return { ok: false, code: 'AUTH.USER_DISABLED', reason: `${person.email} is disabled in the hub.` };
    const fields = { email: person.email, displayName: person.displayName, role: person.role, sellerId: person.sellerId };
    let user: UserEntity;
    if (known) {
      await em.nativeUpdate(UserEntity, { id: known.id }, fields);
      user = Object.assign(known, fields);
    } else {
      user = em.create(UserEntity, { id: randomUUID(), ...fields, passwordHash: null, totpSecret: null, createdAt: now, passwordChangedAt: now, disabledAt: null, oidcIssuer: issuer, oidcSubject: person.subject });
      await em.persistAndFlush(user);
    }
    return { ok: true, ...(await this.openSession(em, user, now)) };
  }

  private async openSession(em: EntityManager, user: UserEntity, now: Date): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
    const token = SESSION_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessions.maxHours * 3_600_000);
    const session = em.create(UserSessionEntity, { id: randomUUID(), userId: user.id, tokenHash: sha256(token), createdAt: now, lastSeenAt: now, expiresAt, endedAt: null });
    await em.persistAndFlush(session);
    return { token, expiresAt, principal: principalOf(user, session.id) };
  }

  /** The person of a live session (not ended, before its absolute expiry, used within the idle limit), its last use moved on. */
  async session(token: string, now = new Date()): Promise<Principal | null> {
    if (!looksLikeSessionToken(token)) return null;
    const em = this.em.fork();
    const session = await em.findOne(UserSessionEntity, { tokenHash: sha256(token), endedAt: null });
    if (!session || session.expiresAt <= now || session.lastSeenAt.getTime() + this.config.sessions.idleMinutes * 60_000 <= now.getTime()) return null;
    const user = await em.findOne(UserEntity, { id: session.userId, disabledAt: null });
    if (!user) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) await em.nativeUpdate(UserSessionEntity, { id: session.id }, { lastSeenAt: now });
    return principalOf(user, session.id);
  }

  async logout(token: string): Promise<void> {
    if (!looksLikeSessionToken(token)) return;
    await this.em.fork().nativeUpdate(UserSessionEntity, { tokenHash: sha256(token), endedAt: null }, { endedAt: new Date() });
  }

  /** The current TOTP code of a secret (tests and the CLI's `users totp --code`). */
  static totpCode(secret: string): string {
    return totp(secret, '').generate();
  }

  private async byEmail(em: EntityManager, email: string): Promise<UserEntity> {
    const user = await em.findOne(UserEntity, { email: email.trim().toLowerCase() });
    if (!user) throw new DomainError('AUTH.NO_SUCH_USER', `there is no user ${email}`, 'not-found');
    return user;
  }

  private async endSessions(em: EntityManager, userId: string): Promise<void> {
    await em.nativeUpdate(UserSessionEntity, { userId, endedAt: null }, { endedAt: new Date() });
  }
}

/** Hashed once at load: verifying an unknown e-mail against it costs what a real check costs. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$tmgS1w5/pgWlkf4yhxBgjA$7uQfcjlBuB8T9f/eLy/4evXZhPD+Avx99FEKKYluz5M';

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'ereceipt-hub', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

function principalOf(user: UserEntity, sessionId: string): Principal {
  return { kind: 'user', userId: user.id, tokenId: sessionId, name: user.email, role: user.role, sellerId: user.sellerId };
}
