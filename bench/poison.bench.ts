/**
 * Poison in a batch (issue #14): the batched path against one savepoint per message, with bad messages mixed in.
 *
 * On a fresh database (BENCH_DATABASE, default ereceipt_hub_bench_poison), N MT103 in chunks of
 * `--chunk` go through the bank handler (no matching stage) three ways, each on its own positions:
 * - `savepoints`: `processRecords`, one savepoint per message (the path before issue #14);
 * - `batch`: `processRecordsInBatch`; an unparseable message fails alone, before anything is written;
 * - `batch+fallback`: the same, but a chunk holding a poison message throws out of `handleBatch`, so
 *   the chunk is rolled back and goes again one savepoint per message ("retry without it").
 * Every `--every`-th message is poison. Prints messages/s of each, in this process, same run
 * (savepoints twice: first and last, as the first path also pays the JIT's warm-up).
 *
 *   npm run bench -- poison [--n 4000] [--chunk 500] [--every 100]
 */
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { inboundTopics } from '@ereceipt/contracts';
import { type InboundBatchHandler, type InboundRecord, processRecords, processRecordsInBatch } from '@ereceipt/messaging';
import { ormOptions } from '@ereceipt/persistence';
import { recordBankFile, recordBankFiles } from '@ereceipt/remittances';
import { recreateDatabase } from '@ereceipt/testing';
import { hubEntities } from '@app/hub/entities';
import { BenchArgs } from './support/args';
import { benchMt103 } from './support/mt103';
import { conditions, printJsonLine, printTable, round, runBench } from './support/report';
import { ensureServices } from './support/services';

const topic = inboundTopics.bankMt103;

runBench(async () => {
  const args = new BenchArgs();
  args.rejectUnknown(['n', 'chunk', 'every']);
  const n = args.int('n', 4000);
  const chunk = args.int('chunk', 500);
  const every = args.int('every', 100);
  const services = await ensureServices();
  const url = await recreateDatabase(services.databaseUrl, process.env.BENCH_DATABASE ?? 'ereceipt_hub_bench_poison', 'bench');
  const orm = await MikroORM.init(ormOptions({ databaseUrl: url, dbPoolMax: 4 }, hubEntities));
  const run = Date.now().toString(36).toUpperCase().slice(-5);
  let partition = 0;

  const batchHandler = (throwOnPoison: boolean): InboundBatchHandler => ({
    topic,
    handle: async (ctx) => void (await recordBankFile(ctx, 'mt103', undefined)),
    handleBatch: async (ctx) => {
      if (throwOnPoison && ctx.items.some((i) => i.record.value.toString().startsWith('POISON'))) throw new Error('a failure the batch cannot pin on one message');
      return recordBankFiles(ctx, () => 'mt103');
    },
  });

  const records = (label: string): InboundRecord[] => {
    const p = partition++;
    return Array.from({ length: n }, (_, i) => ({
      channel: 'kafka' as const,
      topic,
      partition: p,
      offset: String(i),
      key: `k${i % 64}`,
      headers: {},
      value: Buffer.from(i % every === every - 1 ? `POISON ${i}` : benchMt103(`${label}${run}${String(i).padStart(7, '0')}`, i)),
    }));
  };

  const measure = async (label: string, go: (chunk: InboundRecord[]) => Promise<unknown>) => {
    const all = records(label);
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += chunk) await go(all.slice(i, i + chunk));
    const seconds = (performance.now() - t0) / 1000;
    return { label, seconds: round(seconds, 2), perSecond: round(n / seconds, 0) };
  };

  const results = [];
  try {
    for (const [prefix, label, go] of [
      ['SP', 'savepoints', (c: InboundRecord[]) => processRecords(orm.em.fork(), c, { consumer: 'bench', handlerFor: () => batchHandler(false) })],
      ['BA', 'batch', (c: InboundRecord[]) => processRecordsInBatch(orm.em.fork(), c, { consumer: 'bench', handlerFor: () => batchHandler(false) })],
      ['BF', 'batch+fallback', (c: InboundRecord[]) => processRecordsInBatch(orm.em.fork(), c, { consumer: 'bench', handlerFor: () => batchHandler(true) })],
      // Again, warm: the first path also pays the JIT's warm-up.
      ['S2', 'savepoints (again)', (c: InboundRecord[]) => processRecords(orm.em.fork(), c, { consumer: 'bench', handlerFor: () => batchHandler(false) })],
    ] as const) {
      process.stderr.write(`[poison] ${label}...\n`);
      results.push({ ...(await measure(prefix, go)), label });
    }
  } finally {
    await orm.close();
  }
  printTable(`Poison in batches: N=${n}, chunk ${chunk}, one poison message in ${every}`, [['path', 'seconds', 'messages/s'], ...results.map((r) => [r.label, r.seconds, r.perSecond])]);
  printJsonLine({ bench: 'poison', n, chunk, every, results, machine: conditions() });
});
