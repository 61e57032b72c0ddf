import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, type DomainErrorKind, HTTP_STATUS_OF_KIND } from '@ereceipt/contracts';
import { toErrorBody } from './http-error.filter';

describe('every error answer carries a code (issue #16 item 6)', () => {
  it('the validation pipe names every bad field at once, with a code', () => {
    const body = toErrorBody(new BadRequestException(['property extra should not exist', 'amount must be a string']));
    expect(body).toMatchObject({ statusCode: 400, code: 'HTTP.INVALID_REQUEST', message: 'property extra should not exist; amount must be a string', details: ['property extra should not exist', 'amount must be a string'] });
  });

  it('body parser failures: too large, malformed JSON, unsupported encoding', () => {
    expect(toErrorBody({ type: 'entity.too.large' })).toMatchObject({ statusCode: 413, code: 'HTTP.BODY_TOO_LARGE' });
    expect(toErrorBody({ type: 'entity.parse.failed' })).toMatchObject({ statusCode: 400, code: 'HTTP.MALFORMED_JSON' });
    expect(toErrorBody({ type: 'encoding.unsupported' })).toMatchObject({ statusCode: 415, code: 'HTTP.UNSUPPORTED_ENCODING' });
  });

  it('other HTTP errors and the unexpected', () => {
    expect(toErrorBody(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'HTTP.NOT_FOUND' });
    expect(toErrorBody(new Error('boom'))).toEqual({ statusCode: 500, error: 'INTERNAL SERVER ERROR', message: expect.not.stringContaining('boom'), code: 'HTTP.INTERNAL' });
  });

  it('a domain error of each kind answers the status of the one shared map, with its code', () => {
    for (const kind of Object.keys(HTTP_STATUS_OF_KIND) as DomainErrorKind[]) {
      expect(toErrorBody(new DomainError('TEST.KIND', kind, kind))).toMatchObject({ statusCode: HTTP_STATUS_OF_KIND[kind], code: 'TEST.KIND' });
    }
  });
});
