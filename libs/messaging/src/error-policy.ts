import { DomainError, TransientError } from '@ereceipt/contracts';
import { ZodError } from 'zod';

export type ErrorClass = 'permanent' | 'transient' | 'unknown';

/** SQLSTATE classes and codes that pass with time: connection, resources, conflicts, shutdown. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01|55P03|57014)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { sqlState?: unknown; code?: unknown };
  if (typeof o.sqlState === 'string') return o.sqlState;
  return typeof o.code === 'string' ? o.code : undefined;
}

/**
 * The Kafka failure policy (ARCHITECTURE.md "Data flow rules"): permanent errors go to the DLQ,
 * transient ones retry with backoff and never skip, unknown ones get a few attempts first.
 */
export function classifyError(e: unknown): ErrorClass {
  if (e instanceof DomainError || e instanceof ZodError) return 'permanent';
  if (e instanceof TransientError) return 'transient';
  const code = codeOf(e);
  if (code && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return 'transient';
  const name = (e as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && /Connection|Timeout|Deadlock|LockWait|KafkaJS/.test(name)) return 'transient';
  const message = e instanceof Error ? e.message : String(e);
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Knex: Timeout|pool is (closed|draining)/i.test(message)) {
    return 'transient';
  }
  return 'unknown';
}

export function errorCode(e: unknown): string {
  if (e instanceof DomainError) return (e as DomainError<string>).code;
  if (e instanceof ZodError) return 'MESSAGE.SCHEMA_VIOLATION';
  return 'HUB.UNEXPECTED_ERROR';
}

export function errorMessage(e: unknown): string {
  if (e instanceof ZodError) {
    return e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return e instanceof Error ? e.message : String(e);
}
