import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { DomainError, httpStatusOf } from '@ereceipt/contracts';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

/** The one place errors become HTTP answers: `{statusCode, error, message, code?, details?}` (docs/contract.md). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.log.error({ err: exception }, 'unhandled error');
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = httpStatusOf(exception.kind);
    const code: string = (exception as DomainError<string>).code;
    return { statusCode, error: HttpStatus[statusCode].replace(/_/g, ' '), message: exception.message, code, ...(exception.details === undefined ? {} : { details: exception.details }) };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const r = exception.getResponse();
    const raw = typeof r === 'object' && r !== null ? (r as { message?: unknown }).message : r;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    // A code on every answer (issue #16): the validation pipe's 400 lists every bad field at once.
    const code = statusCode === 400 && Array.isArray(raw) ? 'HTTP.INVALID_REQUEST' : `HTTP.${HttpStatus[statusCode] ?? statusCode}`;
    return { statusCode, error: HttpStatus[statusCode]?.replace(/_/g, ' ') ?? 'Error', message, code, ...(Array.isArray(raw) ? { details: raw } : {}) };
  }
  const parser = bodyParserFailure(exception);
  if (parser) return parser;
  return { statusCode: 500, error: 'INTERNAL SERVER ERROR', message: 'an unexpected error happened; it is logged with its correlation id', code: 'HTTP.INTERNAL' };
}

/** A failure of the body parsers (body-parser sets `type` and a 4xx `status`), with a code; null for anything else. */
function bodyParserFailure(exception: unknown): ErrorBody | null {
  const { type, status, message } = (exception ?? {}) as { type?: unknown; status?: unknown; message?: unknown };
  if (typeof type !== 'string') return null;
  if (type === 'entity.too.large' || type === 'parameters.too.many') return { statusCode: 413, error: 'PAYLOAD TOO LARGE', message: type === 'entity.too.large' ? 'the request body is over the size limit' : 'the form has too many fields', code: 'HTTP.BODY_TOO_LARGE' };
  if (type === 'entity.parse.failed') return { statusCode: 400, error: 'BAD REQUEST', message: `the request body is not valid JSON${typeof message === 'string' ? `: ${message}` : ''}`, code: 'HTTP.MALFORMED_JSON' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return { statusCode: 415, error: 'UNSUPPORTED MEDIA TYPE', message: 'the request body\'s encoding or charset is not supported', code: 'HTTP.UNSUPPORTED_ENCODING' };
  if (type === 'entity.too.deep') return { statusCode: 400, error: 'BAD REQUEST', message: String(message), code: 'HTTP.BODY_TOO_DEEP' };
  if (type === 'entity.not.object') return { statusCode: 400, error: 'BAD REQUEST', message: String(message), code: 'HTTP.BODY_NOT_AN_OBJECT' };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: HttpStatus[status]?.replace(/_/g, ' ') ?? 'Error', message: 'the request body could not be read', code: `HTTP.${type.replace(/\./g, '_').toUpperCase()}` };
  }
  return null;
}

/**
 * Express error middleware mounted right after the body parsers: their failures are answered here
 * with a code. Past this point Nest turns a JSON SyntaxError into a plain 400 whose origin is lost.
 */
export function bodyParserErrors(): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const body = bodyParserFailure(err);
    if (!body) return next(err);
    res.status(body.statusCode).json(body);
  };
}
