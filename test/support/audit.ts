import { runCli } from './cli';

/** `ereceipt audit verify` on a suite's database: every association audit chain recomputes; returns how many chains. */
export function verifyAudit(databaseUrl: string): number {
  const out = runCli(databaseUrl, ['audit', 'verify', '--json']);
  if (out.status !== 0) throw new Error(`ereceipt audit verify failed (exit ${out.status}):\n${out.stdout}${out.stderr}`);
  return (JSON.parse(out.stdout) as { chains: number }).chains;
}
