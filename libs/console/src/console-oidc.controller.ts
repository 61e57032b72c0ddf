import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OidcService, Public, UsersService } from '@ereceipt/auth';
import { html } from '@ereceipt/notifications';
import { ConsoleAuth } from './console-auth';
import { layout } from './console-layout';
import { renderLogin } from './dashboard.page';
import { readCookie, sessionCookie } from './console-session.rules';

/** The cookie carrying the OIDC flow (state, nonce, PKCE verifier; encrypted) between the start and the callback. */
const FLOW_COOKIE = 'ereceipt_oidc';

/**
 * Sign-in at the organisation's OpenID Connect provider (when `OIDC_ISSUER` is set):
 * `/console/oidc/login` sends the person to the provider; the provider sends them back to
 * `/console/oidc/callback` (`OIDC_REDIRECT_URI`), which opens a session like a local user's and sets
 * the console cookie. The flow cookie is `SameSite=Lax` (the provider's redirect back is a cross-site
 * top-level GET, which Lax lets through; the session cookie stays Strict), and the callback answers
 * with a page that moves on to the dashboard, so the first request that needs the Strict cookie is a
 * same-site one.
 */
@ApiExcludeController()
@Public()
@Controller('console/oidc')
export class ConsoleOidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly auth: ConsoleAuth,
    private readonly users: UsersService,
  ) {}

  @Get('login')
  async start(@Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) return this.send(res, 404, renderLogin('Single sign-on is not configured on this hub (OIDC_ISSUER).', '', false));
    const { url, flow, maxAgeSeconds } = await this.oidc.start();
    res.setHeader('Set-Cookie', `${FLOW_COOKIE}=${flow}; Path=/console/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${this.auth.secureCookie ? '; Secure' : ''}`);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, url);
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) return this.send(res, 404, renderLogin('Single sign-on is not configured on this hub (OIDC_ISSUER).', '', false));
    const result = await this.oidc.finish(new URL(req.originalUrl, 'http://callback.invalid'), readCookie(req.headers.cookie, FLOW_COOKIE));
    const clearFlow = `${FLOW_COOKIE}=; Path=/console/oidc; HttpOnly; SameSite=Lax; Max-Age=0${this.auth.secureCookie ? '; Secure' : ''}`;
    if (!result.ok) {
      res.setHeader('Set-Cookie', clearFlow);
      return this.send(res, result.code === 'AUTH.OIDC_STATE' || result.code === 'AUTH.OIDC_FAILED' ? 400 : 403, renderLogin(`${result.reason} (${result.code})`, '', true));
    }
    if (!ConsoleAuth.consoleRole(result.principal.role)) {
      await this.users.logout(result.token);
      res.setHeader('Set-Cookie', clearFlow);
      return this.send(res, 403, renderLogin(`The console is for the finance role; ${result.principal.name} is ${result.principal.role}. (AUTH.CONSOLE_ROLE)`, '', true));
    }
    res.setHeader('Set-Cookie', [clearFlow, sessionCookie(result.token, this.auth.secureCookie, this.auth.cookieSeconds)]);
    res.setHeader('Refresh', '0;url=/console');
    this.send(
      res,
      200,
      layout('Signed in', null, null, html`<meta http-equiv="refresh" content="0;url=/console"><section class="card" style="max-width:520px;margin:40px auto" role="status" data-signed-in="${result.principal.name}">
<h1>Signed in</h1><p>You are signed in as ${result.principal.name}.</p><p><a href="/console">Continue to the console</a></p></section>`),
    );
  }

  private send(res: Response, status: number, body: string): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).end(body);
  }
}
