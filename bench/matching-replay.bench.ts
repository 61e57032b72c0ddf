/**
 * `ereceipt matching replay` (issue #5 §5) on the matching benchmark's database: remittances
 * re-decided per second, the time per re-decision and per seller history read, and memory.
 *
 * Needs `npm run bench -- matching` first (it leaves `ereceipt_hub_bench_matching` with 1M orders,
 * the remittances and their stored decisions). The replay is read-only: run it as often as wanted.
 *
 *   npm run bench -- matching-replay [--from 2000-01-01] [--to 2099-12-31] [--rules FILE]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { parseMatchingRules, ReplayMatching } from '@ereceipt/matching';
import { ormOptions } from '@ereceipt/persistence';
import { withDatabase } from '@ereceipt/testing';
import { hubEntities } from '@app/hub/entities';
import { BenchArgs } from './support/args';
import { conditions, printJsonLine, printTable, procMemory, round, summarize, runBench } from './support/report';
import { ensureServices } from './support/services';

const DATABASE = 'ereceipt_hub_bench_matching';

async function databaseExists(adminUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [DATABASE])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = new BenchArgs();
  args.rejectUnknown(['from', 'to', 'rules']);
  const from = args.string('from') ?? '2000-01-01';
  const to = args.string('to') ?? '2099-12-31';
  const rulesFile = args.string('rules');
  const rules = rulesFile ? parseMatchingRules(readFileSync(rulesFile, 'utf8'), rulesFile) : null;
  const services = await ensureServices();
  if (!(await databaseExists(services.databaseUrl))) {
    process.stderr.write(`[matching-replay] ${DATABASE} does not exist: run \`npm run bench -- matching\` first (it seeds the orders and decides the remittances)\n`);
    process.exit(2);
  }
  const url = withDatabase(services.databaseUrl, DATABASE);
  // The matching benchmark may have seeded it before the latest migrations: bring it up to date (idempotent).
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'ereceipt.js'), 'migrate'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, stdio: 'pipe' });
  const orm = await MikroORM.init(ormOptions({ databaseUrl: url, dbPoolMax: 2 }, hubEntities));
  try {
    const decisions: number[] = [];
    const histories: number[] = [];
    let lastTenth = -1;
    const t0 = performance.now();
    const report = await new ReplayMatching(orm).execute({
      from,
      to,
      rules,
      onTiming: (step, ms) => (step === 'decision' ? decisions : histories).push(ms),
      onProgress: ({ done, total }) => {
        const tenth = total === 0 ? 10 : Math.floor((10 * done) / total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          process.stderr.write(`[matching-replay] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${round((performance.now() - t0) / 1000, 1)} s)\n`);
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const decision = summarize(decisions);
    const history = summarize(histories);
    const memory = procMemory(process.pid);
    printTable(`matching replay: ${report.remittances.toLocaleString('en-US')} remittances received ${from} .. ${to}, rules ${report.rules?.ruleVersion ?? 'in force'}`, [
      ['remittances', 'sellers', 'seconds', 'remittances/s', 'decision p50 ms', 'p99 ms', 'history p50 ms', 'p99 ms', 'peak RSS MB'],
      [report.remittances, histories.length, round(seconds, 1), round(report.remittances / seconds, 0), decision.p50Ms, decision.p99Ms, history.p50Ms, history.p99Ms, memory ? round(memory.hwm / 1024 / 1024, 0) : 'n/a'],
    ]);
    printTable('what would change', [['transition', 'count'], ...Object.entries(report.transitions)]);
    printJsonLine({
      benchmark: 'matching-replay',
      remittances: report.remittances,
      sellers: histories.length,
      seconds: round(seconds, 2),
      remittancesPerSecond: round(report.remittances / seconds, 0),
      decisionMs: decision,
      historyMs: history,
      peakRssBytes: memory?.hwm ?? null,
      transitions: report.transitions,
      conditions: conditions(),
    });
  } finally {
    await orm.close();
  }
}

runBench(main);
