import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@ereceipt/testing';

/** `ereceipt services status` (read-only: it never starts or stops anything): its table and its exit code. */
describe('ereceipt services status', () => {
  const status = (databaseUrl: string) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ereceipt.js'), 'services', 'status'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 30_000 });

  it('exits 0 and shows both services up when they answer', () => {
    const result = status(process.env.DATABASE_URL!);
    // Not an empty stderr: on Node 24 kafkajs 2.2.4 prints a TimeoutNegativeWarning there (tulios/kafkajs#1751).
    expect(result.stderr).not.toContain('ereceipt:');
    expect(result.stdout).toMatch(/^Kafka\s+up/m);
    expect(result.stdout).toMatch(/^PostgreSQL\s+up/m);
    expect(result.status).toBe(0);
  });

  it('exits 1 and says which service is down', () => {
    const result = status('postgres://postgres@127.0.0.1:1/nowhere_test');
    expect(result.stdout).toMatch(/^PostgreSQL\s+down\s+postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere_test/m);
    expect(result.status).toBe(1);
  });
});
