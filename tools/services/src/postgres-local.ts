/**
 * The local PostgreSQL for development and tests: make sure it answers (on a Debian-style machine,
 * start a stopped local cluster with pg_ctlcluster) and that the database exists. Creating the
 * database is libs/persistence's ensureDatabase, which `ereceipt migrate` uses in production too.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connectPostgres, databaseName, DatabaseUnreachableError, type EnsuredDatabase, ensureDatabase, isServerDown, maskDatabaseUrl, withDatabaseName } from '@ereceipt/persistence';
import { defaultLog, hasCommand, type Logger, messageOf, sleep } from './os';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ereceipt_hub';

export interface LocalDatabase extends EnsuredDatabase {
  /** true when this call started the PostgreSQL cluster */
  serverStarted: boolean;
}

export interface PostgresStatus {
  /** password masked */
  databaseUrl: string;
  database: string;
  reachable: boolean;
  serverVersion: string | null;
  databaseExists: boolean | null;
  error?: string;
}

function isLocalHost(url: string): boolean {
  const host = new URL(url).hostname;
  return ['', 'localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
}

/** Starts the stopped local clusters with pg_ctlcluster (Debian/Ubuntu); true when one was started now. */
export function startLocalPostgres(log: Logger): boolean {
  if (!hasCommand('pg_ctlcluster')) return false;
  let versions: string[];
  try {
    versions = readdirSync('/etc/postgresql');
  } catch {
    return false;
  }
  let any = false;
  for (const version of versions) {
    const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { encoding: 'utf8' });
    const output = `${result.stderr}${result.stdout}`.trim();
    if (result.status === 0) {
      any = true;
      log(`PostgreSQL: connection refused, so started the local cluster ${version}/main (pg_ctlcluster).`);
    } else if (!/already running/i.test(output)) {
      log(`PostgreSQL: pg_ctlcluster ${version} main start failed: ${output}`);
    }
  }
  return any;
}

/**
 * ensureDatabase, and when the server refuses connections on this machine and `startServer` is not
 * false, starts the local cluster first and waits for it (up to 30 s).
 */
export async function ensureLocalDatabase(url: string, options: { log?: Logger; startServer?: boolean } = {}): Promise<LocalDatabase> {
  const log = options.log ?? defaultLog;
  try {
    return { ...(await ensureDatabase(url, log)), serverStarted: false };
  } catch (error) {
    const down = error instanceof DatabaseUnreachableError && isServerDown(error.cause);
    if (!(down && options.startServer !== false && isLocalHost(url) && startLocalPostgres(log))) throw error;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return { ...(await ensureDatabase(url, log)), serverStarted: true };
    } catch (error) {
      if (!(error instanceof DatabaseUnreachableError) || Date.now() > deadline) {
        throw new Error(`PostgreSQL at ${maskDatabaseUrl(url)} is still not usable after starting it: ${messageOf(error)}`);
      }
      await sleep(300);
    }
  }
}

/** Never throws: a server that does not answer is reported with its error. */
export async function postgresStatus(url: string): Promise<PostgresStatus> {
  const result: PostgresStatus = { databaseUrl: maskDatabaseUrl(url), database: '', reachable: false, serverVersion: null, databaseExists: null };
  try {
    result.database = databaseName(url);
    const client = await connectPostgres(withDatabaseName(url, 'postgres'));
    try {
      result.reachable = true;
      const version = await client.query<{ server_version: string }>('SHOW server_version');
      result.serverVersion = String(version.rows[0]?.server_version ?? '').split(' ')[0] ?? null;
      result.databaseExists = ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [result.database])).rowCount ?? 0) > 0;
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    result.error = messageOf(error);
  }
  return result;
}
