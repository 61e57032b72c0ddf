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
 * The Kafka failure policy (docs/architecture.md "Data flow"): permanent errors go to the DLQ,
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

/** What may be logged of a database error: its class, SQLSTATE, constraint, table and column; never the statement, its parameters or the row (`detail`). */
export interface DatabaseErrorSummary {
  type: string;
  sqlState: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A PostgreSQL error (pg's DatabaseError, or MikroORM's DriverException wrapping one), summarised; null for anything else. */
export function databaseError(e: unknown): DatabaseErrorSummary | null {
  if (typeof e !== 'object' || e === null) return null;
  const o = e as { name?: unknown; sqlState?: unknown; code?: unknown; severity?: unknown; routine?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  const state = typeof o.sqlState === 'string' ? o.sqlState : typeof o.code === 'string' && (o.severity !== undefined || o.routine !== undefined) ? o.code : null;
  if (!state || !SQLSTATE.test(state)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const summary: DatabaseErrorSummary = { type: typeof o.name === 'string' ? o.name : 'DatabaseError', sqlState: state };
  const constraint = text(o.constraint);
  const table = text(o.table);
  const column = text(o.column);
  if (constraint) summary.constraint = constraint;
  if (table) summary.table = table;
  if (column) summary.column = column;
  return summary;
}

/**
 * A one-line reason for logs, DLQ headers and health checks. A database error is named by its
 * class, SQLSTATE, constraint and table only: the driver's message carries the whole statement,
 * and its parameters and `detail` carry payers' names and accounts.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ZodError) {
    return e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  const db = databaseError(e);
  if (db) return `${db.type} (SQLSTATE ${db.sqlState})${db.constraint ? ` on constraint ${db.constraint}` : ''}${db.table ? ` of table ${db.table}` : ''}${db.column ? `, column ${db.column}` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
