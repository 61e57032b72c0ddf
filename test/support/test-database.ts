import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';

const ROOT = join(__dirname, '..', '..');

/** A fresh, migrated database for one suite: `<base>_<suite>`; the name always contains "test". */
export async function freshDatabase(suite: string): Promise<{ url: string; pool: Pool }> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ereceipt_hub_test');
  const name = `${base.pathname.slice(1)}_${suite}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (!name.includes('test')) throw new Error(`refusing to use database ${name}: its name must contain "test"`);
  const admin = new Client({ connectionString: Object.assign(new URL(base.href), { pathname: '/postgres' }).href });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(base.href), { pathname: `/${name}` }).href;
  execFileSync(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), 'migrate'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle connection ended by the server (another run dropping this database) must not crash the suite.
  pool.on('error', () => undefined);
  return { url, pool };
}
