import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { freshDatabase, REPO_ROOT } from '@ereceipt/testing';
import type { Pool } from 'pg';

/** `ereceipt tokens create` (the built CLI) with a wrong --seller: a plain message, exit 2, no token (issue #16 item 6). */
describe('ereceipt tokens create --seller', () => {
  let db: { url: string; pool: Pool };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ereceipt.js'), 'tokens', 'create', ...args], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  const tokens = async () => (await db.pool.query<{ n: number }>(`select count(*)::int as n from api_token`)).rows[0].n;

  beforeAll(async () => {
    db = await freshDatabase('clitokens');
  });

  afterAll(async () => db?.pool.end());

  it.each([['not a uuid', 'X'], ['a uuid of no seller', randomUUID()]])('%s: says there is no such seller, exits 2, creates nothing', async (_, seller) => {
    const out = cli('--role', 'seller', '--seller', seller);
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 2, stdout: '' });
    expect(out.stderr).toBe(`ereceipt tokens create: there is no seller with id "${seller}" (the id an application returns: POST /api/v1/sellers/applications) [AUTH.UNKNOWN_SELLER]\n`);
    expect(out.stderr).not.toMatch(/insert into|violates/i);
    expect(await tokens()).toBe(0);
  });

  it('a finance token needs no seller and is created', async () => {
    const out = cli('--role', 'finance');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/\S{20,}\n$/);
    expect(await tokens()).toBe(1);
  });
});
