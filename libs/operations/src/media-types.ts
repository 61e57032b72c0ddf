import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';

/** The media types a bank file may come as over HTTP (`POST /api/v1/bank-files`), read raw. */
export const BANK_FILE_MEDIA_TYPES = ['application/octet-stream', 'text/*', 'application/xml'] as const;

const BANK_FILES = '/api/v1/bank-files';

/** Which request bodies each part of the HTTP surface takes (docs/contract.md "HTTP"); the first prefix that fits wins. */
export const ACCEPTED_BODIES: ReadonlyArray<{ prefix: string; types: readonly string[] }> = [
  { prefix: BANK_FILES, types: BANK_FILE_MEDIA_TYPES },
  // The buyers' pages are plain HTML forms (no script), and JSON for API clients; so is the console.
  { prefix: '/api/v1/buyer', types: ['application/x-www-form-urlencoded', 'application/json'] },
  { prefix: '/console', types: ['application/x-www-form-urlencoded', 'application/json'] },
  { prefix: '/', types: ['application/json'] },
];

/** The media types a request body to `path` may have (paths match case-insensitively, as Express routes do). */
export function acceptedBodyTypes(path: string): readonly string[] {
  const p = path.toLowerCase();
  return (ACCEPTED_BODIES.find((r) => r.prefix === '/' || p === r.prefix || p.startsWith(`${r.prefix}/`)) ?? ACCEPTED_BODIES[ACCEPTED_BODIES.length - 1]).types;
}

/**
 * The raw body parser's `type`: a bank file's media type on the bank-files route only, so no other
 * route buffers a raw body of up to BANK_FILE_MAX_BYTES (the JSON and form parsers stop at 1 MiB and 64 KiB).
 */
export function isBankFileBody(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0].toLowerCase().replace(/\/+$/, '');
  return path === BANK_FILES && Boolean((req as Request).is?.([...BANK_FILE_MEDIA_TYPES]));
}

/**
 * A request whose body is of a type its route does not take is refused with 415
 * `HTTP.UNSUPPORTED_MEDIA_TYPE` naming what is accepted (a body without Content-Type too). Without
 * it, `text/plain` sent to a JSON route reached the validation pipe as a Buffer. An interceptor, so
 * it runs after authentication: a caller without a token learns nothing about a route. Requests
 * without a body pass, `Content-Length: 0` included (fetch sends it on a POST without a body).
 */
@Injectable()
export class AcceptedBodiesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const types = acceptedBodyTypes(req.path);
      if (carriesBody(req) && req.is([...types]) === false) {
        throw new UnsupportedMediaTypeException(`this route takes ${types.join(' or ')}; the body came as ${req.headers['content-type'] ?? '(no content-type)'}`);
      }
    }
    return next.handle();
  }
}

/** A body of at least one byte is coming: chunked, or a Content-Length above 0. */
export function carriesBody(req: Pick<IncomingMessage, 'headers'>): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? '0');
  return !Number.isFinite(length) || length > 0;
}
