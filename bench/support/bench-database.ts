import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './hub-process';

/**
 * Drops (if present), creates and migrates a benchmark database on the server of `serverUrl`.
 * Adapted from test/support/test-database.ts; the name must contain "bench" so this can never
 * drop somebody's real or test database.
 */
export async function freshBenchDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error(`refusing to (re)create database "${name}": the name must be [a-z0-9_] and contain "bench"`);
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  execFileSync(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), 'migrate'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, stdio: 'pipe' });
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}
