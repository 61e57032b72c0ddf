import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { ApiTokenEntity, type Principal, TokensService } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { checkCsrf, csrfToken, readCookie, SESSION_COOKIE, signSession, verifySession } from './console-session.rules';

export interface ConsoleUser {
  principal: Principal;
  cookie: string;
  csrf: string;
}

/** The console's own login: a finance bearer token once, then a signed session cookie (console-session.rules.ts). */
@Injectable()
export class ConsoleAuth {
  constructor(
    private readonly orm: MikroORM,
    private readonly tokens: TokensService,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'hubSecret' | 'http'>,
  ) {}

  get secureCookie(): boolean {
    return this.config.http.publicUrl.startsWith('https:');
  }

  /** A new session for a live finance token, or why not. */
  async login(token: unknown): Promise<{ ok: true; cookie: string } | { ok: false; reason: string }> {
    const principal = typeof token === 'string' ? await this.tokens.verify(token.trim()) : null;
    if (!principal) return { ok: false, reason: 'That token is unknown or revoked.' };
    if (principal.role !== 'finance') return { ok: false, reason: `The console is for the finance role; this token is ${principal.role}.` };
    return { ok: true, cookie: signSession(this.config.hubSecret, principal.tokenId, Math.floor(Date.now() / 1000)) };
  }

  /** The signed-in finance user of this request, re-checked against the token row (revocation ends the session). */
  async user(req: Request): Promise<ConsoleUser | null> {
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = verifySession(this.config.hubSecret, cookie, Math.floor(Date.now() / 1000));
    if (!session || !cookie) return null;
    const row = await this.orm.em.fork().findOne(ApiTokenEntity, { id: session.tokenId, revokedAt: null });
    if (!row || row.role !== 'finance') return null;
    return { principal: { tokenId: row.id, name: row.name, role: row.role, sellerId: row.sellerId }, cookie, csrf: csrfToken(this.config.hubSecret, cookie) };
  }

  csrfOk(user: ConsoleUser, sent: unknown): boolean {
    return checkCsrf(this.config.hubSecret, user.cookie, sent);
  }
}
