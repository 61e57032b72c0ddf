/**
 * MT103 end to end (issue #2 §11): Kafka -> real hub child process -> PostgreSQL -> outbox -> Kafka.
 *
 * N MT103 on `bank.remittance.mt103` -> the real hub (child process, fresh database
 * `ereceipt_hub_bench`, fresh consumer group) -> rows in `remittance` ->
 * `ereceipt.remittance.received.v1` on `hub.remittances`.
 *
 * Latency of a message: from just before its batch is handed to the producer until its event is
 * read back from `hub.remittances` (same clock, this process). Throughput: N / (last event seen -
 * first message produced). With the default unlimited rate the producer outruns the hub on
 * purpose, so latency then is mostly queueing (how long the backlog takes to drain); use
 * `--rate R` (messages/s) below the measured throughput for latency at a sustainable load.
 *
 * With `--orders N` (issue #14) the fresh database first gets N open orders over `--sellers S`
 * approved sellers (one virtual account each, as `bench -- matching` seeds them), and every measured
 * wire pays one order's deposit: its beneficiary account is the order's seller's, its payer the
 * buyer, its :70: the order number. So the wires reach sellers and matching decides each one; the
 * table shows what became of them (statuses, wires with a seller).
 * `--format camt054` sends camt.054 files of `--file-entries` entries instead (one account per file,
 * so file f pays orders of seller 1 + f mod S; S defaults to the number of files), gzip-compressed
 * (a file of 1,000 entries is ~1 MB of XML); `--n` counts entries and `--rate` entries per second.
 *
 * BENCH_HUB_ROOT=<checkout> runs that checkout's built hub under this bench (a baseline in the same session).
 *
 *   npm run bench -- mt103 [--n 10000] [--warmup 200] [--rate 0] [--timeout 300] [--keys 64] [--batch 100]
 *                          [--orders 0] [--sellers 1000] [--format mt103|camt054] [--file-entries 1000] [--otel 0|1]
 *
 * `--otel 1`: the hub traces (OTEL_EXPORTER_OTLP_ENDPOINT) to an OTLP/HTTP receiver in this process
 * that counts what it gets and keeps nothing, to measure what tracing costs (issue 17 §3).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Admin, CompressionTypes, type Consumer, type EachBatchPayload, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { inboundTopics, outboundTopics } from '@ereceipt/contracts';
import { BenchArgs } from './support/args';
import { buildCamt054, buildMt103, HubProcess, OtlpReceiver, recreateDatabase, REPO_ROOT as ROOT } from '@ereceipt/testing';
import { benchMt103, dotAmountFor } from './support/mt103';
import { camtOrderIndex, mt103OrderIndex, type OrderTarget, orderTargets, seedOpenOrders } from './support/seed-orders';
import { conditions, mib, printJsonLine, printTable, procCpuSeconds, procMemory, round, summarize } from './support/report';
import { ensureServices } from './support/services';

const RECEIVED_TYPE = 'ereceipt.remittance.received.v1';
// BENCH_DATABASE: another name (with "bench" in it) keeps concurrent bench runs apart.
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'ereceipt_hub_bench';
const SAMPLE_EVERY_MS = 200;
// The hub's Kafka session: HubProcess's 6 s (quick failover in e2e suites) evicted the hub again and
// again on a loaded machine while a first chunk with matching ran (kafkajs heartbeats between chunks).
const SESSION_TIMEOUT_MS = process.env.BENCH_SESSION_TIMEOUT_MS ?? '30000';
// BENCH_HUB_ROOT: run another checkout's (built) hub under this bench, e.g. the baseline's worktree.
const HUB_ROOT = process.env.BENCH_HUB_ROOT ?? ROOT;

interface Options {
  n: number;
  warmup: number;
  messagesPerSecond: number;
  timeoutMs: number;
  keys: number;
  batch: number;
  orders: number;
  sellers: number;
  format: 'mt103' | 'camt054';
  fileEntries: number;
  otel: boolean;
}

function readOptions(): Options {
  const args = new BenchArgs();
  args.rejectUnknown(['n', 'warmup', 'rate', 'timeout', 'keys', 'batch', 'orders', 'sellers', 'format', 'file-entries', 'otel']);
  const format = args.string('format') ?? 'mt103';
  if (format !== 'mt103' && format !== 'camt054') throw new Error('--format is mt103 or camt054');
  const n = args.int('n', 10_000);
  const fileEntries = args.int('file-entries', 1000);
  const o: Options = {
    n,
    warmup: args.int('warmup', 200),
    messagesPerSecond: args.int('rate', 0),
    timeoutMs: args.int('timeout', 300) * 1000,
    keys: args.int('keys', 64),
    batch: args.int('batch', format === 'camt054' ? 2 : 100),
    orders: args.int('orders', 0),
    sellers: args.int('sellers', format === 'camt054' ? Math.max(1, Math.ceil(n / fileEntries)) : 1000),
    format,
    fileEntries,
    otel: args.int('otel', 0) === 1,
  };
  if (o.orders > 0 && o.orders < o.sellers) throw new Error('--orders must be at least --sellers');
  if (o.orders > 999_999) throw new Error('--orders above 999,999 does not fit the six-digit order number');
  if (o.n < 1 || o.keys < 1 || o.batch < 1 || o.fileEntries < 1) throw new Error('--n, --keys, --batch and --file-entries must be at least 1');
  if (o.n > 9_999_999) throw new Error('--n above 9,999,999 does not fit the 16-character :20: reference');
  return o;
}

/** One phase (warm-up or measured): refs (one per wire), the Kafka messages holding them, their produce times and the events seen for them. */
class Phase {
  readonly refs: string[];
  readonly values: string[] = [];
  /** Message j holds wires firstWire[j] .. firstWire[j + 1] - 1. */
  readonly firstWire: number[] = [];
  readonly index = new Map<string, number>();
  readonly sentAt: Float64Array;
  /** First event seen per message (time and Kafka key); extra events per ref go to `extra`. */
  readonly seenAt: Float64Array;
  readonly seenKey: Array<string | null>;
  readonly extra = new Map<number, Array<{ at: number; key: string | null }>>();
  seen = 0;

  constructor(prefix: string, run: string, n: number, o: Options, targets: OrderTarget[] | null) {
    this.refs = Array.from({ length: n }, (_, i) => `${prefix}${run}${String(i).padStart(7, '0')}`);
    const perMessage = o.format === 'camt054' ? o.fileEntries : 1;
    for (let from = 0; from < n; from += perMessage) {
      this.firstWire.push(from);
      const refs = this.refs.slice(from, from + perMessage);
      this.values.push(o.format === 'camt054' ? camtFile(`${prefix}${run}-${from}`, refs, from, targets) : mt103Of(refs[0] ?? '', from, targets?.[from]));
    }
    this.firstWire.push(n);
    this.refs.forEach((r, i) => this.index.set(r, i));
    this.sentAt = new Float64Array(n);
    this.seenAt = new Float64Array(n).fill(Number.NaN);
    this.seenKey = new Array<string | null>(n).fill(null);
  }

  get size(): number {
    return this.refs.length;
  }

  record(ref: string, key: string | null, at: number): boolean {
    const i = this.index.get(ref);
    if (i === undefined) return false;
    if (Number.isNaN(this.seenAt[i])) {
      this.seenAt[i] = at;
      this.seenKey[i] = key;
      this.seen++;
    } else {
      const list = this.extra.get(i) ?? [];
      list.push({ at, key });
      this.extra.set(i, list);
    }
    return true;
  }

  /** Time of the first event for message i whose key is `id` (the remittance id in OUR database). */
  seenAtFor(i: number, id: string): number {
    if (this.seenKey[i] === id) return this.seenAt[i] ?? Number.NaN;
    return this.extra.get(i)?.find((e) => e.key === id)?.at ?? Number.NaN;
  }
}

/** An MT103; with a target, one that pays that order's deposit into its seller's account. */
function mt103Of(ref: string, i: number, target: OrderTarget | undefined): string {
  if (!target) return benchMt103(ref, i);
  return buildMt103({
    ref,
    amount: target.deposit.replace('.', ','),
    valueDate: `2611${String(1 + (i % 28)).padStart(2, '0')}`,
    payerName: target.buyerName,
    payerAccount: `US33${String(i % 1_000_000).padStart(12, '0')}`,
    beneficiaryAccount: target.accountNumber,
    beneficiaryName: 'SELLER',
    remittanceInfo: [`PAYMENT FOR ORDER ${target.orderNo}`],
    chargeBearer: 'SHA',
  });
}

/** A camt.054 file of the wires `refs` (wire numbers from `first`); with targets, one account (the first target's) for the file. */
function camtFile(msgId: string, refs: string[], first: number, targets: OrderTarget[] | null): string {
  const account = targets?.[first]?.accountNumber ?? 'VA88000012345';
  return buildCamt054({
    msgId,
    account,
    credits: refs.map((ref, j) => {
      const t = targets?.[first + j];
      return t
        ? { ref, amount: t.deposit, valueDate: '2026-11-20', payerName: t.buyerName, beneficiaryName: 'SELLER', remittanceInfo: `PAYMENT FOR ORDER ${t.orderNo}` }
        : { ref, amount: dotAmountFor(first + j), valueDate: '2026-11-20', payerName: `PAYER ${(first + j) % 1000} TRADING LLC`, remittanceInfo: `ORDER EO-2026-${String((first + j) % 1_000_000).padStart(6, '0')}` };
    }),
  });
}

function messageRefOf(value: Buffer | null): string | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const ref = (parsed as { messageRef?: unknown }).messageRef;
      return typeof ref === 'string' ? ref : null;
    }
  } catch {
    // not JSON: not one of ours
  }
  return null;
}

function headerString(v: Buffer | string | Array<Buffer | string> | undefined): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/** Sets a (new, empty) consumer group's committed offsets to the current end of every existing topic in `topics`. */
async function startGroupAtEnd(admin: Admin, groupId: string, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  for (const topic of topics.filter((t) => existing.has(t))) {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
  }
}

/** Whole-machine CPU busy fraction between two /proc/stat readings. */
function machineCpuTicks(): { busy: number; all: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: total - idle, all: total };
  } catch {
    return null;
  }
}

/** Sum and count of a Prometheus series (first match of `name{...labelFilter...}`). */
function metricValue(text: string, name: string, labelFilter: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes(labelFilter)) return Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith(`${name} `) && labelFilter === '') return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return Number.NaN;
}

interface MetricsSnapshot {
  heapUsedBytes: number;
  batchSecondsSum: number;
  batchCount: number;
  processed: number;
  published: number;
}

async function scrape(baseUrl: string): Promise<MetricsSnapshot | null> {
  try {
    const res = await fetch(`${baseUrl}/metrics`);
    const text = await res.text();
    const topic = `topic="${inboundTopics.bankMt103}"`;
    return {
      heapUsedBytes: metricValue(text, 'ereceipt_nodejs_heap_size_used_bytes', ''),
      batchSecondsSum: metricValue(text, 'ereceipt_consumer_batch_seconds_sum', topic),
      batchCount: metricValue(text, 'ereceipt_consumer_batch_seconds_count', topic),
      processed: metricValue(text, 'ereceipt_messages_processed_total', topic),
      published: metricValue(text, 'ereceipt_outbox_published_total', `topic="${outboundTopics.remittances}"`),
    };
  } catch {
    return null;
  }
}

/** CPU seconds per PostgreSQL backend pid serving `databaseUrl`'s database (the hub's pool and relay). */
async function backendCpu(databaseUrl: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const pg = new Client({ connectionString: databaseUrl });
  try {
    await pg.connect();
    const { rows } = await pg.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    for (const r of rows) {
      const cpu = procCpuSeconds(r.pid);
      if (cpu !== null) out.set(r.pid, cpu);
    }
  } catch {
    // best effort
  } finally {
    await pg.end().catch(() => undefined);
  }
  return out;
}

/** Remittance rows in OUR database (every wire this hub stored, whoever produced it). */
async function storedWires(databaseUrl: string): Promise<number> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return Number((await pg.query<{ n: string }>('select count(*)::text as n from remittance')).rows[0]?.n ?? Number.NaN);
  } finally {
    await pg.end().catch(() => undefined);
  }
}

/** Backends alive at the end count from 0 if they were not there at the start. */
function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}

/** CPU seconds of the local Kafka broker started by tools/services (pid file), or null. */
function brokerCpu(): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(ROOT, '.local', 'kafka', 'kafka.pid'), 'utf8').trim(), 10);
    return Number.isInteger(pid) ? procCpuSeconds(pid) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function produce(producer: Producer, phase: Phase, o: Options, onProgress: (sent: number) => void): Promise<number> {
  const start = performance.now();
  const perMessage = o.format === 'camt054' ? o.fileEntries : 1;
  const batch = o.messagesPerSecond > 0 ? Math.max(1, Math.min(o.batch, Math.round(o.messagesPerSecond / perMessage / 20))) : o.batch;
  const topic = o.format === 'camt054' ? inboundTopics.bankCamt054 : inboundTopics.bankMt103;
  const messageCount = phase.values.length;
  for (let from = 0; from < messageCount; from += batch) {
    if (o.messagesPerSecond > 0) {
      const due = start + ((phase.firstWire[from] ?? 0) * 1000) / o.messagesPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const to = Math.min(messageCount, from + batch);
    const messages = [];
    for (let j = from; j < to; j++) messages.push({ key: `bench-seller-${j % o.keys}`, value: phase.values[j] ?? '' });
    const at = performance.now();
    const lastWire = phase.firstWire[to] ?? phase.size;
    for (let i = phase.firstWire[from] ?? 0; i < lastWire; i++) phase.sentAt[i] = at;
    await producer.send({ topic, messages, ...(o.format === 'camt054' ? { compression: CompressionTypes.GZIP } : {}) });
    onProgress(lastWire);
  }
  return performance.now();
}

/**
 * Whether every wire of `phase` is in OUR database and its event, keyed by our row's id, was seen.
 * Another hub on the shared broker (a concurrent bench or e2e suite) consumes the same messages and
 * publishes events for the same refs with its own ids: counting refs alone ended runs early.
 */
async function allOurs(databaseUrl: string, phase: Phase): Promise<boolean> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ message_ref: string; id: string }>('select message_ref, id from remittance where message_ref = any($1::text[])', [phase.refs]);
    if (rows.length < phase.size) return false;
    return rows.every((r) => !Number.isNaN(phase.seenAtFor(phase.index.get(r.message_ref) ?? -1, r.id)));
  } finally {
    await pg.end().catch(() => undefined);
  }
}

async function waitAll(phase: Phase, what: string, timeoutMs: number, progress: () => string, alive: () => boolean, databaseUrl: string): Promise<void> {
  const until = performance.now() + timeoutMs;
  let nextLog = performance.now() + 5_000;
  let nextCheck = 0;
  for (;;) {
    if (phase.seen >= phase.size && performance.now() >= nextCheck) {
      if (await allOurs(databaseUrl, phase)) return;
      nextCheck = performance.now() + 500;
    }
    if (!alive()) throw new Error(`the hub exited while waiting for ${what} (${phase.seen} of ${phase.size} seen)`);
    if (performance.now() > until) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}: ${phase.seen} of ${phase.size} events seen. ${progress()}`);
    }
    if (performance.now() > nextLog) {
      process.stderr.write(`[mt103] ${what}: ${phase.seen}/${phase.size} events. ${progress()}\n`);
      nextLog += 5_000;
    }
    await sleep(50);
  }
}

async function main(): Promise<void> {
  const o = readOptions();
  const started = Date.now();
  const run = (started % 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
  const groupId = `bench-${started}`;
  const tapGroupId = `bench-tap-${started}`;
  const logFile = join(tmpdir(), 'ereceipt-bench', `mt103-hub-${started}.log`);
  const before = conditions();

  process.stderr.write(`[mt103] services...\n`);
  const services = await ensureServices();
  process.stderr.write(`[mt103] fresh database ${BENCH_DATABASE} (drop, create, migrate)...\n`);
  const databaseUrl = await recreateDatabase(services.databaseUrl, BENCH_DATABASE, 'bench');

  let seedSeconds = 0;
  let targets: OrderTarget[] | null = null;
  if (o.orders > 0) {
    process.stderr.write(`[mt103] seeding ${o.orders} open orders over ${o.sellers} sellers...\n`);
    seedSeconds = await seedOpenOrders(databaseUrl, o.orders, o.sellers);
    const indexes = Array.from({ length: o.n }, (_, k) => (o.format === 'camt054' ? camtOrderIndex(Math.floor(k / o.fileEntries), k % o.fileEntries, o.orders, o.sellers) : mt103OrderIndex(k, o.orders)));
    targets = await orderTargets(databaseUrl, indexes);
  }
  const warm = new Phase('W', run, o.warmup, o, null);
  const measured = new Phase('B', run, o.n, o, targets);

  const kafka = new Kafka({ clientId: 'ereceipt-bench', brokers: services.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let hub: HubProcess | null = null;
  let otlp: OtlpReceiver | null = null;
  let tap: Consumer | null = null;
  let producer: Producer | null = null;
  let sampler: NodeJS.Timeout | null = null;
  const cleanup = async (): Promise<string> => {
    if (sampler) clearInterval(sampler);
    const how = hub ? `exit code ${String(await hub.stop())}` : 'not started';
    await otlp?.stop();
    await tap?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId, tapGroupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    return how;
  };
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[mt103] ${sig}: stopping the hub...\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await admin.connect();
    // A fresh group would read every inbound topic from the beginning (the hub subscribes
    // fromBeginning): start it at the current end so only this run's messages are processed.
    await startGroupAtEnd(admin, groupId, Object.values(inboundTopics));

    process.stderr.write(`[mt103] starting the hub (group ${groupId}, log ${logFile})...\n`);
    if (o.otel) otlp = await new OtlpReceiver({ keep: false }).start();
    const tracing: Record<string, string> = otlp ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint } : {};
    hub = await HubProcess.create('bench-mt103', { DATABASE_URL: databaseUrl, KAFKA_BROKERS: services.kafkaBrokers, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'warn', KAFKA_SESSION_TIMEOUT_MS: SESSION_TIMEOUT_MS, ...tracing }, { logFile, root: HUB_ROOT });
    await hub.start();
    const hubPid = hub.pid ?? 0;

    // Memory sampling of the hub process every 200 ms (VmRSS), plus VmHWM (kernel peak) at the end.
    let rssMax = 0;
    let rssNow = 0;
    sampler = setInterval(() => {
      const mem = procMemory(hubPid);
      if (mem) {
        rssNow = mem.rss;
        rssMax = Math.max(rssMax, mem.rss);
      }
    }, SAMPLE_EVERY_MS);
    const rssAtReady = procMemory(hubPid)?.rss ?? Number.NaN;

    // The tap: a downstream consumer of hub.remittances, starting at the current end.
    await startGroupAtEnd(admin, tapGroupId, [outboundTopics.remittances]);
    tap = kafka.consumer({ groupId: tapGroupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
    let otherEvents = 0;
    await tap.connect();
    await tap.subscribe({ topics: [outboundTopics.remittances], fromBeginning: false });
    const consumer = tap;
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    await tap.run({
      eachBatch: async ({ batch }: EachBatchPayload) => {
        const at = performance.now();
        for (const m of batch.messages) {
          if (headerString(m.headers?.ce_type) !== RECEIVED_TYPE) continue;
          const ref = messageRefOf(m.value);
          if (ref === null) continue;
          const key = m.key?.toString() ?? null;
          if (!measured.record(ref, key, at) && !warm.record(ref, key, at)) otherEvents++;
        }
      },
    });
    await joined;

    producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const progress = () => `hub RSS ${mib(rssNow)} MiB`;
    const running = hub;
    const alive = () => running.running;

    process.stderr.write(`[mt103] warm-up: ${o.warmup} messages...\n`);
    await produce(producer, warm, { ...o, messagesPerSecond: 0 }, () => undefined);
    await waitAll(warm, 'warm-up events', Math.min(o.timeoutMs, 120_000), progress, alive, databaseUrl);
    await sleep(500); // let the relay's last poll settle before the measured phase
    const metricsBefore = await scrape(hub.baseUrl);
    const rssAfterWarmup = procMemory(hubPid)?.rss ?? Number.NaN;

    process.stderr.write(`[mt103] measured: ${o.n} messages${o.messagesPerSecond > 0 ? ` at ${o.messagesPerSecond}/s` : ' as fast as possible'}...\n`);
    const stored0 = await storedWires(databaseUrl);
    const pg0 = await backendCpu(databaseUrl);
    const broker0 = brokerCpu();
    const cpu0 = procCpuSeconds(hubPid);
    const own0 = process.cpuUsage();
    const machine0 = machineCpuTicks();
    const t0 = performance.now();
    let sentSoFar = 0;
    const producing = produce(producer, measured, o, (s) => (sentSoFar = s));
    await Promise.all([producing, waitAll(measured, 'measured events', o.timeoutMs, () => `${sentSoFar} produced, ${progress()}`, alive, databaseUrl)]);
    const producedAt = await producing;
    const cpu1 = procCpuSeconds(hubPid);
    const pg1 = await backendCpu(databaseUrl);
    const broker1 = brokerCpu();
    const own1 = process.cpuUsage(own0);
    const machine1 = machineCpuTicks();
    const metricsAfter = await scrape(hub.baseUrl);
    const storedInWindow = (await storedWires(databaseUrl)) - stored0;
    const hwm = procMemory(hubPid)?.hwm ?? Number.NaN;
    const rssEnd = procMemory(hubPid)?.rss ?? Number.NaN;

    // Verify against OUR database: one row per message, and use only events keyed by our row ids
    // (another hub on the same topic, e.g. a concurrent e2e run, would publish its own event).
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    const { rows } = await pg.query<{ message_ref: string; id: string }>('select message_ref, id from remittance where message_ref = any($1::text[])', [measured.refs]);
    // What matching made of the measured wires: statuses, and how many reached a seller.
    const outcome = await pg.query<{ status: string; n: string; with_seller: string }>(
      'select status, count(*)::text as n, count(seller_id)::text as with_seller from remittance where message_ref = any($1::text[]) group by status order by status',
      [measured.refs],
    );
    await pg.end();
    const statuses = Object.fromEntries(outcome.rows.map((r) => [r.status, Number(r.n)]));
    const withSeller = outcome.rows.reduce((a, r) => a + Number(r.with_seller), 0);
    const idOf = new Map(rows.map((r) => [r.message_ref, r.id]));
    const latencies: number[] = [];
    let lastSeen = t0;
    let unmatched = 0;
    for (let i = 0; i < measured.size; i++) {
      const id = idOf.get(measured.refs[i] ?? '');
      const at = id === undefined ? Number.NaN : measured.seenAtFor(i, id);
      if (Number.isNaN(at)) {
        unmatched++;
        continue;
      }
      lastSeen = Math.max(lastSeen, at);
      latencies.push(at - (measured.sentAt[i] ?? Number.NaN));
    }
    const wallS = (lastSeen - t0) / 1000;
    const lat = summarize(latencies);
    const hubCpuS = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : Number.NaN;
    const machineBusy = machine0 && machine1 ? (machine1.busy - machine0.busy) / (machine1.all - machine0.all) : Number.NaN;
    const batches = metricsBefore && metricsAfter ? metricsAfter.batchCount - metricsBefore.batchCount : Number.NaN;
    const batchS = metricsBefore && metricsAfter ? metricsAfter.batchSecondsSum - metricsBefore.batchSecondsSum : Number.NaN;

    const how = await cleanup();
    hub = null;

    const result = {
      bench: 'mt103',
      format: o.format,
      fileEntries: o.format === 'camt054' ? o.fileEntries : 1,
      openOrders: o.orders,
      sellers: o.orders > 0 ? o.sellers : 0,
      seedSeconds: round(seedSeconds, 1),
      statuses,
      wiresWithSeller: withSeller,
      n: o.n,
      warmup: o.warmup,
      rate: o.messagesPerSecond > 0 ? o.messagesPerSecond : 'unlimited',
      keys: o.keys,
      produceBatch: o.batch,
      rowsInDatabase: rows.length,
      eventsMatched: latencies.length,
      eventsUnmatched: unmatched,
      extraEventsForOurRefs: [...measured.extra.values()].reduce((a, l) => a + l.length, 0),
      otherEventsOnTopic: otherEvents,
      wallSeconds: round(wallS),
      produceSeconds: round((producedAt - t0) / 1000),
      throughputPerSecond: round(latencies.length / wallS, 1),
      latencyMs: lat,
      hub: {
        peakRssMiB: mib(Math.max(hwm, rssMax)),
        vmHwmMiB: mib(hwm),
        sampledMaxRssMiB: mib(rssMax),
        rssAtReadyMiB: mib(rssAtReady),
        rssAfterWarmupMiB: mib(rssAfterWarmup),
        rssEndMiB: mib(rssEnd),
        cpuSeconds: round(hubCpuS, 2),
        // Every wire the hub stored in the window, ours and other runs' (the shared broker's inbound
        // topic carries every concurrent bench's messages, and this hub consumes them too): the
        // denominator for CPU per wire.
        wiresStoredInWindow: storedInWindow,
        cpuMsPerStoredWire: round((1000 * hubCpuS) / storedInWindow, 3),
        cpuPercentOfOneCore: round((100 * hubCpuS) / wallS, 1),
        consumerBatches: batches,
        consumerBatchSeconds: round(batchS, 2),
        consumerBusyPercent: round((100 * batchS) / wallS, 1),
        messagesPerBatch: round(o.n / batches, 1),
        heapUsedAtEndMiB: mib(metricsAfter?.heapUsedBytes ?? Number.NaN),
        shutdown: how,
      },
      postgresBackendsCpuPercentOfOneCore: round((100 * cpuDelta(pg0, pg1)) / wallS, 1),
      postgresCpuMsPerStoredWire: round((1000 * cpuDelta(pg0, pg1)) / storedInWindow, 3),
      kafkaBrokerCpuPercentOfOneCore: broker0 !== null && broker1 !== null ? round((100 * (broker1 - broker0)) / wallS, 1) : null,
      benchProcessCpuPercent: round((100 * (own1.user + own1.system)) / 1e6 / wallS, 1),
      machineCpuBusyPercent: round(100 * machineBusy, 1),
      machine: { ...before, cpus: cpus().length, loadAvg1mAtEnd: round(loadavg()[0] ?? Number.NaN, 2) },
      hubLog: logFile,
      hubRoot: HUB_ROOT,
      // Spans counted up to the end of the measured phase (the warm-up's included); the rest come at shutdown.
      tracing: otlp ? { spansReceived: otlp.received, exportRequests: otlp.requests } : 'off',
    };

    const what = o.format === 'camt054' ? `camt.054 (${o.fileEntries} entries per file)` : 'MT103';
    printTable(`${what} end to end (Kafka -> hub -> PostgreSQL -> outbox -> Kafka), N=${o.n}, rate ${result.rate}, warm-up ${o.warmup}, ${o.orders > 0 ? `${o.orders} open orders over ${o.sellers} sellers` : 'no orders seeded (wires reach no seller)'}`, [
      ['metric', 'value'],
      ['wires by status', outcome.rows.map((r) => `${r.status} ${r.n}`).join(', ')],
      ['wires that reached a seller', withSeller],
      ['messages matched / rows in DB', `${latencies.length} / ${rows.length}`],
      ['wall time (first produce -> last event), s', result.wallSeconds],
      ['produce time, s', result.produceSeconds],
      ['throughput end to end, msg/s', result.throughputPerSecond],
      ['latency p50, ms', lat.p50Ms],
      ['latency p95, ms', lat.p95Ms],
      ['latency p99, ms', lat.p99Ms],
      ['latency max, ms', lat.maxMs],
      ['hub peak RSS (VmHWM), MiB', result.hub.peakRssMiB],
      ['hub RSS ready / after warm-up / end, MiB', `${result.hub.rssAtReadyMiB} / ${result.hub.rssAfterWarmupMiB} / ${result.hub.rssEndMiB}`],
      ['hub heapUsed at end, MiB', result.hub.heapUsedAtEndMiB],
      ['hub CPU, % of one core', result.hub.cpuPercentOfOneCore],
      ['wires the hub stored in the window (ours and other runs\' on the shared topic)', storedInWindow],
      ['hub / PostgreSQL CPU per stored wire, ms', `${result.hub.cpuMsPerStoredWire} / ${result.postgresCpuMsPerStoredWire}`],
      ['PostgreSQL backends of the bench DB, CPU % of one core', result.postgresBackendsCpuPercentOfOneCore],
      ['Kafka broker (shared) CPU, % of one core', result.kafkaBrokerCpuPercentOfOneCore ?? '-'],
      ['consumer batches (msgs/batch)', `${batches} (${result.hub.messagesPerBatch})`],
      ['consumer time in batch transactions, % of wall', result.hub.consumerBusyPercent],
      ['bench process CPU, % of one core', result.benchProcessCpuPercent],
      ['machine CPU busy, % of all cores', result.machineCpuBusyPercent],
      ['extra events for our refs (other hubs) / unmatched', `${result.extraEventsForOurRefs} / ${unmatched}`],
      ['other traffic on hub.remittances meanwhile, events', otherEvents],
      ['tracing (OTLP spans received / export requests)', otlp ? `on (${otlp.received} / ${otlp.requests})` : 'off'],
    ]);
    if (o.messagesPerSecond === 0) process.stdout.write('Note: unlimited rate, so latency includes time queued behind the backlog; use --rate for latency at a sustainable load.\n');
    printJsonLine(result);
    // `npm run bench -- limits` shows this figure beside the machine's limits.
    mkdirSync(join(ROOT, 'artifacts', 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'artifacts', 'bench', 'mt103-last.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (rows.length !== o.n || unmatched > 0) {
      process.stderr.write(`[mt103] FAILED: expected ${o.n} rows and events, got ${rows.length} rows and ${latencies.length} matched events\n`);
      process.exitCode = 1;
    }
  } catch (e) {
    const how = await cleanup().catch((c: unknown) => `cleanup failed: ${String(c)}`);
    process.stderr.write(`[mt103] hub stopped (${how}); its log: ${logFile}\n`);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[mt103] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
