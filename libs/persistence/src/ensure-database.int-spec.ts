import { Client } from 'pg';
import { DatabaseUnreachableError, ensureDatabase, withDatabaseName } from './ensure-database';

/** ensureDatabase on the real PostgreSQL: creates a missing database once, and names an unreachable server. */
describe('ensureDatabase (PostgreSQL)', () => {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ereceipt_hub_test';
  const name = `${new URL(base).pathname.slice(1)}_ensure`;
  const url = withDatabaseName(base, name);
  const drop = async () => {
    const admin = new Client({ connectionString: withDatabaseName(base, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  };

  beforeAll(drop);
  afterAll(drop);

  it('creates the database when it is missing, and only then', async () => {
    const lines: string[] = [];
    const first = await ensureDatabase(url, (m) => lines.push(m));
    expect(first).toMatchObject({ database: name, created: true });
    expect(first.serverVersion).toMatch(/^\d+(\.\d+)?$/);
    expect(lines).toEqual([`PostgreSQL: created database "${name}".`]);
    await expect(ensureDatabase(url)).resolves.toMatchObject({ database: name, created: false });
  });

  it('two at once: one creates it, the other finds it', async () => {
    await drop();
    const both = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    expect(both.filter((r) => r.created)).toHaveLength(1);
  });

  it('a server that does not answer is a DatabaseUnreachableError with the masked URL', async () => {
    const error: unknown = await ensureDatabase('postgres://postgres:secret@127.0.0.1:1/whatever_test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    expect((error as Error).message).toContain('postgres://postgres:***@127.0.0.1:1/postgres');
    expect((error as Error).message).not.toContain('secret');
  });
});
