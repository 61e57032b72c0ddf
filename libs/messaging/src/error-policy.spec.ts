import { z } from 'zod';
import { DomainError, TransientError } from '@ereceipt/contracts';
import { classifyError, errorCode, errorMessage } from './error-policy';

/** The Kafka failure policy: what goes to the DLQ, what is retried without ever being skipped. */
describe('classifyError', () => {
  it('sends domain and schema errors to the DLQ (permanent)', () => {
    expect(classifyError(new DomainError('MT103.BAD_32A', 'bad amount'))).toBe('permanent');
    const schema = z.object({ amount: z.string() }).safeParse({ amount: 1 });
    expect(classifyError(schema.error)).toBe('permanent');
  });

  it('retries database and network trouble (transient)', () => {
    expect(classifyError(new TransientError('x'))).toBe('transient');
    for (const code of ['08006', '57P01', '40001', '40P01', '55P03', '53300', '57014']) {
      expect(classifyError(Object.assign(new Error('pg'), { code }))).toBe('transient');
    }
    expect(classifyError(Object.assign(new Error('x'), { sqlState: '08001' }))).toBe('transient');
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('transient');
    expect(classifyError(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyError(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe('transient');
  });

  it('gives anything else a few attempts first (unknown)', () => {
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe('unknown');
    expect(classifyError(Object.assign(new Error('value too long'), { code: '22001' }))).toBe('unknown');
    expect(classifyError('a string')).toBe('unknown');
  });
});

describe('errorCode and errorMessage (DLQ headers)', () => {
  it('keep the domain code and name schema paths', () => {
    expect(errorCode(new DomainError('CSV.BAD_DATE', 'x'))).toBe('CSV.BAD_DATE');
    expect(errorCode(new Error('boom'))).toBe('HUB.UNEXPECTED_ERROR');
    const bad = z.object({ order: z.object({ total: z.string() }) }).safeParse({ order: { total: 5 } });
    expect(errorCode(bad.error)).toBe('MESSAGE.SCHEMA_VIOLATION');
    expect(errorMessage(bad.error)).toMatch(/^order\.total: /);
  });
});
