import { runCli } from './cli';

/**
 * `ereceipt matching replay` over everything a suite's hub decided (issue 5): rebuilt from the
 * history, the candidates of each decision are those the hub saw, so the rules in force re-decide
 * every wire the same way. Throws with what would change otherwise; returns how many were replayed.
 */
export function verifyReplay(databaseUrl: string): number {
  const out = runCli(databaseUrl, ['matching', 'replay', '--from', '2000-01-01', '--to', '2099-12-31', '--format', 'json']);
  if (out.status !== 0) throw new Error(`ereceipt matching replay failed (exit ${out.status}):\n${out.stderr}`);
  const report = JSON.parse(out.stdout) as { remittances: number; transitions: Record<string, number>; changes: unknown[] };
  if (Object.keys(report.transitions).length > 0) throw new Error(`a replay with the rules in force would change ${report.changes.length} decision(s): ${JSON.stringify(report.changes, null, 2)}`);
  return report.remittances;
}
