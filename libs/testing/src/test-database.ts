import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { REPO_ROOT as ROOT } from './repo-root';

export function withDatabase(url: string, database: string): string {
  return Object.assign(new URL(url), { pathname: `/${database}` }).href;
}

/**
 * Drops (if present), creates and migrates database `name` on the server of `serverUrl`. The name
 * must contain `guard` ("test", "bench"), so this can never drop a real database.
 */
export async function recreateDatabase(serverUrl: string, name: string, guard: 'test' | 'bench'): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes(guard)) throw new Error(`refusing to (re)create database "${name}": the name must be [a-z0-9_] and contain "${guard}"`);
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

/** A fresh, migrated database for one suite: `<base>_<suite>`; the name always contains "test". */
export async function freshDatabase(suite: string): Promise<{ url: string; pool: Pool }> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ereceipt_hub_test';
  const name = `${new URL(base).pathname.slice(1)}_${suite}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const url = await recreateDatabase(base, name, 'test');
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle connection ended by the server (another run dropping this database) must not crash the suite.
  pool.on('error', () => undefined);
  return { url, pool };
}

/** Drops a test database (the suite's own, in afterAll); refuses any name without "test". */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to drop database "${name}": not a test database`);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
