import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '@ereceipt/contracts';
import { renderSignedErrorPage } from './signed-page';
import { wantsJson } from './signed-page.http';

/** The budget of one client (its address) on the buyers' signed pages: `points` requests per `windowSeconds`. */
export interface SignedPageRateLimit {
  points: number;
  windowSeconds: number;
}

/**
 * The rate limit of the buyers' signed pages (`/api/v1/buyer/...`: the order page, payment and
 * receipt confirmations, refunds, the evaluation), per client address (`req.ip`: the socket, or
 * X-Forwarded-For under TRUST_PROXY), mounted before the body parsers so a client over its budget
 * costs no parsing and no database query. Over the budget: 429 `BUYER.RATE_LIMITED` with
 * `Retry-After`; a browser gets a readable page, an API client the usual JSON error (the global
 * filter sets the header from `details.retryAfterSeconds`). Counted in the process
 * (rate-limiter-flexible, like the sign-in limits): N http replicas give a client at most N budgets.
 */
export function signedPageLimiter(limit: SignedPageRateLimit): RequestHandler {
  const limiter = new RateLimiterMemory({ keyPrefix: 'buyer-page', points: limit.points, duration: limit.windowSeconds });
  return (req: Request, res: Response, next: NextFunction) => {
    void limiter.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown').then(
      () => next(),
      (e: unknown) => {
        if (!(e instanceof RateLimiterRes)) return next(e);
        const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        const limited = new DomainError('BUYER.RATE_LIMITED', `too many requests from this address: at most ${limit.points} in ${limit.windowSeconds} s; try again in ${retryAfterSeconds} s`, 'too-many', { retryAfterSeconds });
        if (wantsJson(req)) return next(limited);
        res.setHeader('Retry-After', String(retryAfterSeconds));
        res.setHeader('Cache-Control', 'no-store');
        res.status(429).type('html').send(renderSignedErrorPage(429, `${limited.message} (${limited.code})`, 'payment reminder'));
      },
    );
  };
}
