import { runCli } from './cli';

/**
 * `ereceipt ledger verify` on a suite's database (issue 7: it runs at the end of every end-to-end
 * suite and passes). Throws with the command's report when any ledger invariant fails.
 */
export function verifyLedger(databaseUrl: string): void {
  const out = runCli(databaseUrl, ['ledger', 'verify']);
  if (out.status !== 0) throw new Error(`ereceipt ledger verify failed (exit ${out.status}) on ${new URL(databaseUrl).pathname.slice(1)}:\n${out.stdout}${out.stderr}`);
}
