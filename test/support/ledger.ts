import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');

/**
 * `ereceipt ledger verify` on a suite's database (issue 7: it runs at the end of every end-to-end
 * suite and passes). Throws with the command's report when any ledger invariant fails.
 */
export function verifyLedger(databaseUrl: string): void {
  const out = spawnSync(process.execPath, [CLI, 'ledger', 'verify'], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`ereceipt ledger verify failed (exit ${out.status}) on ${new URL(databaseUrl).pathname.slice(1)}:\n${out.stdout}${out.stderr}`);
}
