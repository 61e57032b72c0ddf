import { Client } from 'pg';
import { databaseName } from './database-guard';

export interface EnsuredDatabase {
  databaseUrl: string;
  database: string;
  /** true when this call ran CREATE DATABASE */
  created: boolean;
  /** e.g. "16.4" */
  serverVersion: string;
}

/** The same URL with another database name (the server's `postgres` database for admin work). */
export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function maskDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** The error code of a pg or socket error (an AggregateError carries it on its first error). */
function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; errors?: unknown };
  if (typeof e.code === 'string' || typeof e.code === 'number') return String(e.code);
  if (Array.isArray(e.errors) && e.errors.length > 0) return pgErrorCode(e.errors[0]);
  return undefined;
}

/** Connection refused, no socket, or the server still starting: a server that is not there (yet). */
export function isServerDown(error: unknown): boolean {
  return ['ECONNREFUSED', 'ENOENT', '57P03'].includes(pgErrorCode(error) ?? '');
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // AggregateError (ECONNREFUSED on ::1 and 127.0.0.1) carries the detail in .errors
    const inner = (error as { errors?: unknown }).errors;
    if (!error.message && Array.isArray(inner) && inner.length > 0) return errorMessage(inner[0]);
    return error.message || (pgErrorCode(error) ?? error.name);
  }
  return String(error);
}

/** A connected client, or the connection error (the client is closed then). */
export async function connectPostgres(url: string, timeoutMs = 5000): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly adminUrl: string,
    override readonly cause: unknown,
  ) {
    super(`PostgreSQL at ${maskDatabaseUrl(adminUrl)} is not reachable: ${errorMessage(cause)}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Makes sure the server of `url` answers and the database named in it exists (CREATE DATABASE when
 * it is missing; a concurrent CREATE by another process is fine). `ereceipt migrate` runs it first.
 * Throws DatabaseUnreachableError when the server does not answer.
 */
export async function ensureDatabase(url: string, log: (message: string) => void = () => undefined): Promise<EnsuredDatabase> {
  const database = databaseName(url);
  if (!database) throw new Error(`The database URL names no database: ${maskDatabaseUrl(url)}`);
  const adminUrl = withDatabaseName(url, 'postgres');
  let client: Client;
  try {
    client = await connectPostgres(adminUrl);
  } catch (error) {
    throw new DatabaseUnreachableError(adminUrl, error);
  }
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const serverVersion = String(version.rows[0]?.server_version ?? '').split(' ')[0] ?? '';
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    let created = false;
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
        created = true;
        log(`PostgreSQL: created database "${database}".`);
      } catch (error) {
        // 42P04 duplicate_database / 23505: a concurrent CREATE DATABASE won the race
        if (!['42P04', '23505'].includes(pgErrorCode(error) ?? '')) throw new Error(`CREATE DATABASE "${database}" failed: ${errorMessage(error)}`);
      }
    }
    return { databaseUrl: url, database, created, serverVersion };
  } finally {
    await client.end().catch(() => undefined);
  }
}
