import type { DomainErrorKind } from './errors';

/**
 * The one map from an error's kind to its HTTP status (docs/contract.md "HTTP": 400 bad input, 401,
 * 403, 404, 409 a state conflict, 413 oversized, 429 a rate limit). The API's error filter, the
 * buyers' signed pages and the finance console all answer through it; a `Record` over the kinds, so
 * a new kind does not compile until it has a status.
 */
export const HTTP_STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = Object.freeze({
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'too-many': 429,
});

/** The HTTP status of a domain error's kind. */
export function httpStatusOf(kind: DomainErrorKind): number {
  return HTTP_STATUS_OF_KIND[kind];
}
