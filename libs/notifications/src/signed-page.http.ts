import type { Request, Response } from 'express';
import { DomainError, httpStatusOf } from '@ereceipt/contracts';

/** `Accept: application/json` first, or a JSON body posted (an API client, not a page's form). */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json' || (req.method === 'POST' && req.is('application/json') === 'application/json');
}

/** The signed token of a buyer request: the form field `t`, else the query `t`. */
export function signedToken(req: Request, body: unknown): string {
  const fromBody = (body as { t?: unknown } | undefined)?.t;
  const fromQuery = req.query.t;
  return typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : '';
}

/** Who sent the request, for confirmation records (the socket's address unless TRUST_PROXY is set). */
export function requestSource(req: Request): { address: string; forwardedFor: string | null; userAgent: string | null } {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : (v ?? null);
  };
  return { address: req.ip ?? req.socket.remoteAddress ?? 'unknown', forwardedFor: header('x-forwarded-for'), userAgent: header('user-agent') };
}

/**
 * Runs a signed-page request: never cached, not indexed (the token never leaks in a Referer and
 * the CSP is strict: helmet, set for every buyer path in create-hub.ts). A DomainError becomes a readable HTML page for a browser (`errorPage`), and the
 * usual JSON error body (the global filter) for an API client.
 */
export async function answerSignedPage(req: Request, res: Response, work: () => Promise<void>, errorPage: (status: number, message: string) => string): Promise<void> {
  // The CSP, Referrer-Policy: no-referrer and framing come from helmet (apps/hub create-hub.ts).
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
  try {
    await work();
  } catch (e) {
    if (!(e instanceof DomainError) || wantsJson(req)) throw e;
    const status = httpStatusOf(e.kind);
    res.status(status).type('html').send(errorPage(status, e.message));
  }
}

/** Post/redirect/get: back to the page (`pagePath`), with the token and a notice flag. */
export function redirectToPage(res: Response, pagePath: string, token: string, notice: string): void {
  res.redirect(303, `${pagePath}?t=${encodeURIComponent(token)}&${notice}=1`);
}
