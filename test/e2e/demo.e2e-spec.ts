import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dropDatabase, freePort, REPO_ROOT, withDatabase } from '@ereceipt/testing';
import { verifyAudit } from '../support/audit';
import { groupAtTheEnd } from '../support/kafka-tap';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

/**
 * The README's first command, `npm run demo`, on the real services: it must run the whole story
 * (seller approved, ERP order, reminder e-mail, buyer confirmation, deposit wired and associated)
 * and exit 0 with `--once`.
 */
describe('npm run demo -- --once (the README first command)', () => {
  const run = randomUUID().slice(0, 8);
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ereceipt_hub_test';
  const databaseUrl = withDatabase(base, `ereceipt_hub_test_demo_${run}`);

  afterAll(async () => dropDatabase(databaseUrl));

  it('plays the trade through and shows the deposit associated to the order', async () => {
    const groupId = `demo-e2e-${run}`;
    await groupAtTheEnd(groupId);
    const port = await freePort();
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.js'), '--once'], {
        cwd: REPO_ROOT,
        env: { ...process.env, HTTP_PORT: String(port), DATABASE_URL: databaseUrl, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'warn' },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 400_000,
      }, (error, out, err) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err }));
      child.stdin?.end();
    });
    expect({ code, stderr: stderr.slice(-2000) }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(stdout).toMatch(/\[3\] the seller submits; the hub e-mails the buyer a payment reminder/);
    expect(stdout).toMatch(/buyer's link \(open it in a browser\): http:\/\/localhost:\d+\/api\/v1\/buyer\/orders\/EO-\d{4}-\d{6}\?t=/);
    expect(stdout).toMatch(/confirmed at \d{4}-\d{2}-\d{2}T/);
    expect(stdout).toMatch(/'mt103'\s+│ 'DEMO[0-9A-Z]+'\s+│ 'USD'\s+│ '1860\.00'\s+│ 'VA88\d+'\s+│ 'ASSOCIATED'/);
    expect(stdout).toMatch(/order EO-\d{4}-\d{6}: CONFIRMED, payment PARTLY_PAID, paid USD 1860\.00 of 6200\.00/);
    expect(stdout).toMatch(/reconciliation for \d{4}-\d{2}-\d{2} \(UTC/);
    expect(stdout).toMatch(/finance console\s+http:\/\/127\.0\.0\.1:\d+\/console/);
  });

  it('every association audit chain recomputes (ereceipt audit verify)', () => {
    expect(verifyAudit(databaseUrl)).toBeGreaterThan(0);
  });

  it('a replay of every decision with the rules in force changes nothing (ereceipt matching replay)', () => {
    expect(verifyReplay(databaseUrl)).toBeGreaterThan(0);
  });

  it('the ledger balances at the end (ereceipt ledger verify)', () => {
    verifyLedger(databaseUrl);
  });
});
