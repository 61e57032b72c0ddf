import { STATUS_CODES } from 'node:http';
import { HTTP_STATUS_OF_KIND, httpStatusOf } from './error-http-status';
import type { DomainErrorKind } from './errors';

describe('the one error-kind -> HTTP status map (docs/contract.md "HTTP")', () => {
  it('maps every kind to the status the contract names, read back through Node\'s own reason phrases', () => {
    const kinds = Object.keys(HTTP_STATUS_OF_KIND) as DomainErrorKind[];
    expect(Object.fromEntries(kinds.map((k) => [k, STATUS_CODES[httpStatusOf(k)]]))).toEqual({
      invalid: 'Bad Request',
      unauthorized: 'Unauthorized',
      forbidden: 'Forbidden',
      'not-found': 'Not Found',
      conflict: 'Conflict',
      'too-large': 'Payload Too Large',
      'too-many': 'Too Many Requests',
    });
  });

  it('is frozen: no edge can patch its own status in', () => {
    expect(Object.isFrozen(HTTP_STATUS_OF_KIND)).toBe(true);
  });
});
