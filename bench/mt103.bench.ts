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
 *   npm run bench -- mt103 [--n 10000] [--warmup 200] [--rate 0] [--timeout 300] [--keys 64] [--batch 100] [--otel 0|1]
 *
 * `--otel 1`: the hub traces (OTEL_EXPORTER_OTLP_ENDPOINT) to an OTLP/HTTP receiver in this process
 * that counts what it gets and keeps nothing, to measure what tracing costs (issue 17 §3).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Admin, type Consumer, type EachBatchPayload, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { inboundTopics, outboundTopics } from '@ereceipt/contracts';
import { BenchArgs } from './support/args';
import { HubProcess, OtlpReceiver, recreateDatabase, REPO_ROOT as ROOT } from '@ereceipt/testing';
import { benchMt103 } from './support/mt103';
import { conditions, mib, printJsonLine, printTable, procCpuSeconds, procMemory, round, summarize } from './support/report';
import { ensureServices } from './support/services';

const RECEIVED_TYPE = 'ereceipt.remittance.received.v1';
// BENCH_DATABASE: another name (with "bench" in it) keeps concurrent bench runs apart.
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'ereceipt_hub_bench';
const SAMPLE_EVERY_MS = 200;

interface Options {
  n: number;
  warmup: number;
  messagesPerSecond: number;
  timeoutMs: number;
  keys: number;
  batch: number;
  otel: boolean;
}

function readOptions(): Options {
  const args = new BenchArgs();
  args.rejectUnknown(['n', 'warmup', 'rate', 'timeout', 'keys', 'batch', 'otel']);
  const o = {
    n: args.int('n', 10_000),
    warmup: args.int('warmup', 200),
    messagesPerSecond: args.int('rate', 0),
    timeoutMs: args.int('timeout', 300) * 1000,
    keys: args.int('keys', 64),
    batch: args.int('batch', 100),
    otel: args.int('otel', 0) === 1,
  };
  if (o.n < 1 || o.keys < 1 || o.batch < 1) throw new Error('--n, --keys and --batch must be at least 1');
  if (o.n > 9_999_999) throw new Error('--n above 9,999,999 does not fit the 16-character :20: reference');
  return o;
}

/** One phase (warm-up or measured): refs, their produce times and the events seen for them. */
class Phase {
  readonly refs: string[];
  readonly values: string[];
  readonly index = new Map<string, number>();
  readonly sentAt: Float64Array;
  /** First event seen per message (time and Kafka key); extra events per ref go to `extra`. */
  readonly seenAt: Float64Array;
  readonly seenKey: Array<string | null>;
  readonly extra = new Map<number, Array<{ at: number; key: string | null }>>();
  seen = 0;

  constructor(prefix: string, run: string, n: number) {
    this.refs = Array.from({ length: n }, (_, i) => `${prefix}${run}${String(i).padStart(7, '0')}`);
    this.values = this.refs.map((ref, i) => benchMt103(ref, i));
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
  const batch = o.messagesPerSecond > 0 ? Math.max(1, Math.min(o.batch, Math.round(o.messagesPerSecond / 20))) : o.batch;
  for (let from = 0, k = 0; from < phase.size; from += batch, k++) {
    if (o.messagesPerSecond > 0) {
      const due = start + (k * batch * 1000) / o.messagesPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const to = Math.min(phase.size, from + batch);
    const messages = [];
    for (let i = from; i < to; i++) messages.push({ key: `bench-seller-${i % o.keys}`, value: phase.values[i] ?? '' });
    const at = performance.now();
    for (let i = from; i < to; i++) phase.sentAt[i] = at;
    await producer.send({ topic: inboundTopics.bankMt103, messages });
    onProgress(to);
  }
  return performance.now();
}

async function waitAll(phase: Phase, what: string, timeoutMs: number, progress: () => string, alive: () => boolean): Promise<void> {
  const until = performance.now() + timeoutMs;
  let nextLog = performance.now() + 5_000;
  while (phase.seen < phase.size) {
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

  const warm = new Phase('W', run, o.warmup);
  const measured = new Phase('B', run, o.n);

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
    hub = await HubProcess.create('bench-mt103', { DATABASE_URL: databaseUrl, KAFKA_BROKERS: services.kafkaBrokers, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'warn', ...tracing }, { logFile });
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
    await waitAll(warm, 'warm-up events', Math.min(o.timeoutMs, 120_000), progress, alive);
    await sleep(500); // let the relay's last poll settle before the measured phase
    const metricsBefore = await scrape(hub.baseUrl);
    const rssAfterWarmup = procMemory(hubPid)?.rss ?? Number.NaN;

    process.stderr.write(`[mt103] measured: ${o.n} messages${o.messagesPerSecond > 0 ? ` at ${o.messagesPerSecond}/s` : ' as fast as possible'}...\n`);
    const pg0 = await backendCpu(databaseUrl);
    const broker0 = brokerCpu();
    const cpu0 = procCpuSeconds(hubPid);
    const own0 = process.cpuUsage();
    const machine0 = machineCpuTicks();
    const t0 = performance.now();
    let sentSoFar = 0;
    const producing = produce(producer, measured, o, (s) => (sentSoFar = s));
    await Promise.all([producing, waitAll(measured, 'measured events', o.timeoutMs, () => `${sentSoFar} produced, ${progress()}`, alive)]);
    const producedAt = await producing;
    const cpu1 = procCpuSeconds(hubPid);
    const pg1 = await backendCpu(databaseUrl);
    const broker1 = brokerCpu();
    const own1 = process.cpuUsage(own0);
    const machine1 = machineCpuTicks();
    const metricsAfter = await scrape(hub.baseUrl);
    const hwm = procMemory(hubPid)?.hwm ?? Number.NaN;
    const rssEnd = procMemory(hubPid)?.rss ?? Number.NaN;

    // Verify against OUR database: one row per message, and use only events keyed by our row ids
    // (another hub on the same topic, e.g. a concurrent e2e run, would publish its own event).
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    const { rows } = await pg.query<{ message_ref: string; id: string }>('select message_ref, id from remittance where message_ref = any($1::text[])', [measured.refs]);
    await pg.end();
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
        cpuPercentOfOneCore: round((100 * hubCpuS) / wallS, 1),
        consumerBatches: batches,
        consumerBatchSeconds: round(batchS, 2),
        consumerBusyPercent: round((100 * batchS) / wallS, 1),
        messagesPerBatch: round(o.n / batches, 1),
        heapUsedAtEndMiB: mib(metricsAfter?.heapUsedBytes ?? Number.NaN),
        shutdown: how,
      },
      postgresBackendsCpuPercentOfOneCore: round((100 * cpuDelta(pg0, pg1)) / wallS, 1),
      kafkaBrokerCpuPercentOfOneCore: broker0 !== null && broker1 !== null ? round((100 * (broker1 - broker0)) / wallS, 1) : null,
      benchProcessCpuPercent: round((100 * (own1.user + own1.system)) / 1e6 / wallS, 1),
      machineCpuBusyPercent: round(100 * machineBusy, 1),
      machine: { ...before, cpus: cpus().length, loadAvg1mAtEnd: round(loadavg()[0] ?? Number.NaN, 2) },
      hubLog: logFile,
      // Spans counted up to the end of the measured phase (the warm-up's included); the rest come at shutdown.
      tracing: otlp ? { spansReceived: otlp.received, exportRequests: otlp.requests } : 'off',
    };

    printTable(`MT103 end to end (Kafka -> hub -> PostgreSQL -> outbox -> Kafka), N=${o.n}, rate ${result.rate}, warm-up ${o.warmup}`, [
      ['metric', 'value'],
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
