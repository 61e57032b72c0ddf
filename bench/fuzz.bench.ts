/**
 * Fuzzing the MT, camt, CSV and ERP connectors (issue 16 item 4): seeded generated and mutated inputs.
 *
 *   npm run fuzz -- [--runs 100000] [--seed 16] [--max-ms 2000] [--only mt|camt|csv|erp]
 *
 * `--runs` is per connector. Prints, per connector, the runs, the failures (unexpected exceptions,
 * internal errors, schema breaks, inputs over `--max-ms`) with the first examples, and the slowest
 * input; exits 1 when any failure was found. The same seed gives the same inputs.
 */
import { BenchArgs } from './support/args';
import { fuzz, fuzzTargets, type FuzzTarget } from './support/fuzz';
import { printJsonLine, printTable } from './support/report';

async function main(): Promise<void> {
  const args = new BenchArgs();
  args.rejectUnknown(['runs', 'seed', 'max-ms', 'only']);
  const runs = args.int('runs', 100_000);
  const seed = args.int('seed', 16);
  const maxMs = args.int('max-ms', 2_000);
  const only = args.string('only');
  if (only && !(fuzzTargets as readonly string[]).includes(only)) throw new Error(`--only must be one of ${fuzzTargets.join(', ')}`);
  const targets: readonly FuzzTarget[] = only ? [only as FuzzTarget] : fuzzTargets;
  process.stdout.write(`fuzz: ${runs} runs per connector (${targets.join(', ')}), seed ${seed}, bound ${maxMs} ms per input\n`);
  const started = Date.now();
  const reports = await fuzz({
    runs,
    seed,
    maxMsPerInput: maxMs,
    targets,
    onProgress: (target, done) => {
      if (done % 50_000 === 0) process.stdout.write(`  ${target}: ${done} runs, ${Math.round((Date.now() - started) / 1000)} s\n`);
    },
  });
  printTable('Fuzz (issue 16 item 4)', [
    ['connector', 'runs', 'failures', 'mean ms', 'slowest ms', 'slowest input (first 60 chars)'],
    ...reports.map((r) => [r.target, r.runs, r.failures.length, (r.totalMs / Math.max(1, r.runs)).toFixed(3), r.slowestMs.toFixed(1), JSON.stringify(r.slowestInput.slice(0, 60))]),
  ]);
  for (const r of reports) {
    for (const f of r.failures.slice(0, 5)) process.stdout.write(`FAILURE ${r.target}: ${f.reason}\n  input ${JSON.stringify(f.input.slice(0, 300))}\n`);
  }
  const failures = reports.reduce((n, r) => n + r.failures.length, 0);
  const total = reports.reduce((n, r) => n + r.runs, 0);
  process.stdout.write(`fuzz: ${total} runs, ${failures} failures, slowest ${Math.max(...reports.map((r) => r.slowestMs)).toFixed(1)} ms, ${Math.round((Date.now() - started) / 1000)} s\n`);
  printJsonLine({ bench: 'fuzz', seed, runsPerConnector: runs, total, failures, connectors: reports.map((r) => ({ target: r.target, runs: r.runs, failures: r.failures.length, slowestMs: Number(r.slowestMs.toFixed(1)) })) });
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
