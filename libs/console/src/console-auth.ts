import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { LoginLimiter, OidcService, type Principal, UsersService } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { checkCsrf, csrfToken, readCookie, SESSION_COOKIE } from './console-session.rules';

export interface ConsoleUser {
  principal: Principal;
  /** The person's name for the page header: `Alice Martin (alice@example.com)`, or the e-mail when no other name was given. */
  display: string;
  cookie: string;
  csrf: string;
}

/** Who may use the console: finance people (admins see the API; sellers their own portal). */
const CONSOLE_ROLES = new Set(['finance']);

/**
 * The console's login: a person's e-mail, password and (when set) TOTP code, rate-limited; the
 * session token goes into an HttpOnly cookie; every request re-reads the session (idle and
 * absolute expiry, logout, password reset and disabling end it at once).
 */
@Injectable()
export class ConsoleAuth {
  constructor(
    private readonly users: UsersService,
    private readonly limiter: LoginLimiter,
    private readonly oidc: OidcService,
    private readonly orm: MikroORM,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'hubSecret' | 'http' | 'sessions'>,
  ) {}

  /** Whether the login page offers single sign-on (OpenID Connect configured). */
  get sso(): boolean {
    return this.oidc.enabled;
  }

  static consoleRole(role: string): boolean {
    return CONSOLE_ROLES.has(role);
  }

  get secureCookie(): boolean {
    return this.config.http.publicUrl.startsWith('https:');
  }

  get cookieSeconds(): number {
    return this.config.sessions.maxHours * 3600;
  }

  /** A new session for a finance person, or why not (and whether the reason is a rate limit). */
  async login(address: string, form: { email?: unknown; password?: unknown; code?: unknown }): Promise<{ ok: true; cookie: string } | { ok: false; reason: string; status: number; retryAfter?: number }> {
    const email = typeof form.email === 'string' ? form.email : '';
    const wait = await this.limiter.admit(address, email);
    if (wait !== null) return { ok: false, reason: `Too many sign-in attempts; try again in ${Math.ceil(wait / 60)} min.`, status: 429, retryAfter: wait };
    const result = await this.users.login(email, form.password, form.code);
    if (!result.ok) {
      if (result.code !== 'AUTH.TOTP_REQUIRED') await this.limiter.failed(email);
      return { ok: false, reason: result.reason, status: 401 };
    }
    await this.limiter.succeeded(email);
    if (!CONSOLE_ROLES.has(result.principal.role)) {
      await this.users.logout(result.token);
      return { ok: false, reason: `The console is for the finance role; ${result.principal.name} is ${result.principal.role}.`, status: 403 };
    }
    return { ok: true, cookie: result.token };
  }

  async logout(user: ConsoleUser): Promise<void> {
    await this.users.logout(user.cookie);
  }

  /** The signed-in finance person of this request (the session re-read each time). */
  async user(req: Request): Promise<ConsoleUser | null> {
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!cookie) return null;
    const principal = await this.users.session(cookie);
    if (!principal || !CONSOLE_ROLES.has(principal.role)) return null;
    const [row] = await this.orm.em.fork().execute<Array<{ display_name: string }>>(`select display_name from hub_user where email = ?`, [principal.name]);
    const display = row && row.display_name !== principal.name ? `${row.display_name} (${principal.name})` : principal.name;
    return { principal, display, cookie, csrf: csrfToken(this.config.hubSecret, cookie) };
  }

  csrfOk(user: ConsoleUser, sent: unknown): boolean {
    return checkCsrf(this.config.hubSecret, user.cookie, sent);
  }
}
