import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');

/** Runs `ereceipt ARGS` (the built CLI) on a suite's database. */
export function runCli(databaseUrl: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
}
