/**
 * Matching quality (issue #20 §5): an adversarial labelled corpus through a real hub, scored per kind.
 *
 * The corpus (test/quality/adversarial-corpus.ts) is labelled from docs/domain.md §3 and the bank
 * formats, not from the engine's rule table (test/quality/README.md). Recreates the database
 * `ereceipt_hub_bench_matching_quality`, seeds sellers, accounts and open orders by SQL, starts the
 * hub (dist/, real Kafka and PostgreSQL), pushes every wire as bank files through
 * POST /api/v1/bank-files (phase 0: setup wires that make accounts known, settled by finance;
 * phase 1: the corpus; phase 2: balances after their deposits), waits for every decision, reads each
 * remittance over the API and prints per kind: wires, AUTO right, AUTO wrong, right first suggestion.
 *
 *   npm run bench -- matching-quality [--wires 20000] [--orders 100000] [--seed 20] [--per-file 200] [--read db|api]
 *
 * `--read db` (default) reads the stored outcomes with one query; `--read api` with GET /remittances/{id}.
 *
 * Writes artifacts/matching-quality-bench.txt (the table and the misses) and .jsonl (one line per wire).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubProcess, recreateDatabase, REPO_ROOT, withDatabase } from '@ereceipt/testing';
import { generateCorpus } from '../test/quality/adversarial-corpus';
import { formatReport, resultLines, runCorpus, seedWorld } from '../test/quality/run-corpus';
import { groupAtTheEnd } from '../test/support/kafka-tap';
import { BenchArgs } from './support/args';
import { conditions, printJsonLine, printTable, round, runBench } from './support/report';
import { ensureServices } from './support/services';

const DATABASE = 'ereceipt_hub_bench_matching_quality';

async function main(): Promise<void> {
  const args = new BenchArgs();
  args.rejectUnknown(['wires', 'orders', 'seed', 'per-file', 'read']);
  const o = { wires: args.int('wires', 20_000), orders: args.int('orders', 100_000), seed: args.int('seed', 20), perFile: args.int('per-file', 200), read: args.string('read') === 'api' ? ('api' as const) : ('db' as const) };
  const services = await ensureServices();
  const log = (m: string) => process.stderr.write(`[matching-quality] ${m}\n`);

  let t = performance.now();
  const corpus = generateCorpus({ seed: o.seed, wires: o.wires, orders: o.orders });
  const generateSeconds = (performance.now() - t) / 1000;
  log(`corpus: ${corpus.wires.length.toLocaleString('en-US')} wires (setup included), ${corpus.orders.length.toLocaleString('en-US')} orders, ${corpus.sellers.length} sellers, seed ${o.seed} (${round(generateSeconds, 1)} s)`);

  t = performance.now();
  const url = withDatabase(services.databaseUrl, DATABASE);
  await recreateDatabase(services.databaseUrl, DATABASE, 'bench');
  await seedWorld(url, corpus);
  const seedSeconds = (performance.now() - t) / 1000;
  log(`seeded ${DATABASE} in ${round(seedSeconds, 1)} s`);

  const run = randomUUID().slice(0, 8).toUpperCase();
  const groupId = `bench-matching-quality-${run.toLowerCase()}`;
  await groupAtTheEnd(groupId);
  const hub = await HubProcess.create('bench-matching-quality', { DATABASE_URL: url, KAFKA_BROKERS: services.kafkaBrokers, KAFKA_GROUP_ID: groupId });
  await hub.start();
  t = performance.now();
  let report;
  try {
    report = await runCorpus({ baseUrl: hub.baseUrl, databaseUrl: url, corpus, refPrefix: `Q${run}`, valueDate: new Date().toISOString().slice(0, 10), perFile: o.perFile, read: o.read, log });
  } finally {
    await hub.stop();
  }
  const runSeconds = (performance.now() - t) / 1000;

  const text = formatReport(report, `matching quality: ${report.totals.wires.toLocaleString('en-US')} wires against ${corpus.orders.length.toLocaleString('en-US')} orders (${corpus.sellers.length} sellers), seed ${o.seed}`);
  mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'artifacts', 'matching-quality-bench.txt'), text);
  writeFileSync(join(REPO_ROOT, 'artifacts', 'matching-quality-bench.jsonl'), resultLines(report));
  const t0 = report.totals;
  printTable(`matching quality: ${t0.wires.toLocaleString('en-US')} wires against ${corpus.orders.length.toLocaleString('en-US')} orders (${corpus.sellers.length} sellers), seed ${o.seed}`, [
    ['kind', 'wires', 'AUTO-labelled', 'AUTO right', 'AUTO wrong', 'REVIEW-labelled', 'right first'],
    ...[...report.rows, t0].map((r) => [r.kind, r.wires, r.autoLabelled, r.autoRight, r.autoWrong, r.reviewLabelled, r.rightFirst]),
  ]);
  process.stdout.write(`wrong automatic associations: ${t0.autoWrong}; auto rate: ${round(100 * t0.autoShare, 2)} % (>= 95 % wanted); right first suggestion: ${round(100 * t0.rightFirstShare, 2)} % (>= 98 % wanted)\n`);
  process.stdout.write(`misses, wrong autos and settle failures: artifacts/matching-quality-bench.txt; one line per wire: artifacts/matching-quality-bench.jsonl\n`);
  printJsonLine({
    benchmark: 'matching-quality',
    seed: o.seed,
    wires: t0.wires,
    orders: corpus.orders.length,
    sellers: corpus.sellers.length,
    wrongAuto: t0.autoWrong,
    autoLabelled: t0.autoLabelled,
    autoRight: t0.autoRight,
    autoShare: round(t0.autoShare, 4),
    reviewLabelled: t0.reviewLabelled,
    rightFirst: t0.rightFirst,
    rightFirstShare: round(t0.rightFirstShare, 4),
    done: t0.autoWrong === 0 && t0.autoShare >= 0.95 && t0.rightFirstShare >= 0.98,
    perKind: Object.fromEntries(report.rows.map((r) => [r.kind, { wires: r.wires, autoRight: r.autoRight, autoWrong: r.autoWrong, rightFirst: r.rightFirst, autoLabelled: r.autoLabelled, reviewLabelled: r.reviewLabelled }])),
    settleFailures: report.settleFailures.length,
    seconds: { generate: round(generateSeconds, 1), seed: round(seedSeconds, 1), run: round(runSeconds, 1), ...Object.fromEntries(Object.entries(report.seconds).map(([k, v]) => [k, round(v, 1)])) },
    conditions: conditions(),
  });
}

runBench(main);
