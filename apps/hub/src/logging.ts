import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { HubConfig } from '@ereceipt/config';
import { databaseError, errorMessage } from '@ereceipt/messaging';

/**
 * Personal data and secrets never reach the log (issue 22): pino `redact` removes them wherever a
 * log call puts them (payer and beneficiary names, accounts and addresses, e-mail addresses,
 * passwords, tokens, SQL and its parameters), the request serializer keeps the path and the query
 * keys but not their values (buyer links carry their token in `?t=`), and the error serializer
 * turns a database error into class + SQLSTATE + constraint + table (the driver's message holds
 * the whole statement with its values).
 */
const SENSITIVE = [
  'payer', 'payerName', 'payerAccount', 'payerAddress', 'payerBic', 'beneficiary', 'beneficiaryName', 'beneficiaryAccount', 'beneficiaryAddress',
  'name', 'buyerName', 'legalName', 'address', 'account', 'accountNumber', 'iban', 'email', 'contactEmail', 'to', 'password', 'token', 'secret', 'totpSecret',
  'authorization', 'cookie', 'sql', 'query', 'params', 'parameters', 'bindings', 'detail', 'remittanceInfo',
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  ...SENSITIVE.map((k) => `*.*.${k}`),
];

/** `/api/v1/buyer/orders/EO-1?t=abc&x=1` -> `/api/v1/buyer/orders/EO-1?t=…&x=…`. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const i = url.indexOf('?');
  if (i < 0) return url;
  const keys = url.slice(i + 1).split('&').filter(Boolean).map((kv) => `${kv.split('=')[0] ?? ''}=…`);
  return `${url.slice(0, i)}?${keys.join('&')}`;
}

export function safeErr(e: unknown): Record<string, unknown> {
  const db = databaseError(e);
  if (db) return { ...db, message: errorMessage(db) };
  if (!(e instanceof Error)) return { message: String(e) };
  const std = stdSerializers.err(e) as unknown as Record<string, unknown>;
  return { type: std.type, message: std.message, stack: std.stack, ...(typeof std.code === 'string' ? { code: std.code } : {}) };
}

function safeReq(req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }): Record<string, unknown> {
  const raw = req.raw ?? req;
  return { id: req.id, method: raw.method, url: safeUrl(raw.url) };
}

export function loggerParams(config: Pick<HubConfig, 'logLevel'>): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => (req.headers['x-correlation-id'] as string | undefined) ?? randomUUID(),
      customProps: (req) => ({ correlationId: req.id }),
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: safeErr, req: safeReq },
    },
  };
}
