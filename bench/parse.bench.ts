/**
 * Parsers alone (issue #3 §7): MT103, camt.054 and streamed CSV on generated input, in memory.
 *
 * No Kafka or database.
 *
 * - mt103:   N single-message FIN texts through `parseFin` (one call per message, like one Kafka
 *            record). Generated in batches of 1,000 outside the timed section.
 * - camt054: N transactions through `parseCamt`, as camt.054.001.08 documents of `--camt-per-doc`
 *            transactions (one booked credit Ntry per TxDtls). Each document is generated outside
 *            the timed section and dropped after parsing.
 * - csv:     N rows (generic profile) streamed from a generator through `parseCsvStream`; the file
 *            never exists as a whole. The generator's own cost is measured separately (it runs
 *            inside the timed loop) and heap/RSS are sampled every N/10 rows.
 *
 * Without `--only`, every format runs in its own child process so each peak RSS is its own.
 *
 *   npm run bench -- parse [--only mt103|camt054|csv] [--mt 100000] [--camt 100000] [--camt-per-doc 1000] [--csv 1000000]
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCsvStream, loadProfile } from '@connectors/bank-csv';
import { parseCamt } from '@connectors/iso20022';
import { parseFin } from '@connectors/swift-mt';
import { BenchArgs } from './support/args';
import { camt054Document, csvChunks, mt103Batch } from './support/generators';
import { conditions, mib, MiB, printJsonLine, printTable, round, summarize, type LatencySummary } from './support/report';

const formats = ['mt103', 'camt054', 'csv'] as const;
type Format = (typeof formats)[number];
const isFormat = (v: string): v is Format => (formats as readonly string[]).includes(v);

const KNOWN = ['only', 'mt', 'camt', 'camt-per-doc', 'csv', 'csv-chunk-rows'];
const RESULT_PREFIX = 'BENCH_RESULT ';
/** Set for the per-format child processes: they leave the summary table to the parent. */
const CHILD_ENV = 'EREC_PARSE_BENCH_CHILD';

interface FormatResult {
  format: Format;
  items: number;
  unit: string;
  remittances: number;
  issues: number;
  inputMiB: number;
  seconds: number;
  itemsPerSecond: number;
  mibPerSecond: number;
  /** Per call: one message (mt103) or one document (camt054); null for the CSV stream. */
  callLatencyMs: LatencySummary | null;
  peakRssMiB: number;
  rssAfterMiB: number;
  heapAfterMiB: number;
  heapBeforeMiB: number;
  notes: Record<string, unknown>;
}

function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = gcFunction();

/** heapUsed after two full collections, in bytes. */
function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Peak RSS of this process so far (getrusage ru_maxrss), in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function finish(format: Format, unit: string, items: number, bytes: number, seconds: number, counts: { remittances: number; issues: number }, latency: LatencySummary | null, heapBefore: number, notes: Record<string, unknown>): FormatResult {
  const heapAfter = settledHeap();
  return {
    format,
    items,
    unit,
    remittances: counts.remittances,
    issues: counts.issues,
    inputMiB: mib(bytes),
    seconds: round(seconds),
    itemsPerSecond: round(items / seconds, 0),
    mibPerSecond: round(bytes / MiB / seconds, 2),
    callLatencyMs: latency,
    peakRssMiB: mib(peakRss()),
    rssAfterMiB: mib(process.memoryUsage().rss),
    heapAfterMiB: mib(heapAfter),
    heapBeforeMiB: mib(heapBefore),
    notes,
  };
}

async function benchMt103(n: number): Promise<FormatResult> {
  const run = (Date.now() % 36 ** 4).toString(36).toUpperCase().padStart(4, '0');
  const BATCH = 1_000;
  // JIT warm-up, not counted.
  for (const text of mt103Batch(run, 90_000_000, Math.min(n, 2_000))) parseFin(text);
  const heapBefore = settledHeap();
  const latency = new Float64Array(n);
  let bytes = 0;
  let seconds = 0;
  const counts = { remittances: 0, issues: 0 };
  for (let from = 0; from < n; from += BATCH) {
    const batch = mt103Batch(run, from, Math.min(BATCH, n - from));
    for (const t of batch) bytes += Buffer.byteLength(t);
    const t0 = performance.now();
    for (let j = 0; j < batch.length; j++) {
      const s = performance.now();
      const out = parseFin(batch[j] ?? '');
      latency[from + j] = performance.now() - s;
      counts.remittances += out.remittances.length;
      counts.issues += out.issues.length;
    }
    seconds += (performance.now() - t0) / 1000;
  }
  return finish('mt103', 'messages', n, bytes, seconds, counts, summarize(latency), heapBefore, { callsTimed: 'one parseFin per message; generation outside the timed section' });
}

async function benchCamt(n: number, perDoc: number): Promise<FormatResult> {
  // JIT warm-up on one small document, not counted.
  await parseCamt(camt054Document(0, 0, Math.min(perDoc, 200)));
  const heapBefore = settledHeap();
  const docs = Math.ceil(n / perDoc);
  const latency = new Float64Array(docs);
  let bytes = 0;
  let seconds = 0;
  let largestDocBytes = 0;
  const counts = { remittances: 0, issues: 0 };
  for (let d = 0; d < docs; d++) {
    const from = d * perDoc;
    const xml = camt054Document(d + 1, from, Math.min(perDoc, n - from));
    const size = Buffer.byteLength(xml);
    bytes += size;
    largestDocBytes = Math.max(largestDocBytes, size);
    const t0 = performance.now();
    const out = await parseCamt(xml);
    const dt = performance.now() - t0;
    latency[d] = dt;
    seconds += dt / 1000;
    counts.remittances += out.remittances.length;
    counts.issues += out.issues.length;
  }
  return finish('camt054', 'transactions', n, bytes, seconds, counts, summarize(latency), heapBefore, {
    documents: docs,
    transactionsPerDocument: perDoc,
    documentMiB: mib(largestDocBytes),
    callsTimed: 'one parseCamt per document; latency is per document',
  });
}

async function benchCsv(n: number, rowsPerChunk: number): Promise<FormatResult> {
  const profile = loadProfile('generic');
  if (!profile.ok) throw new Error(`generic CSV profile: ${profile.issue.message}`);

  // The generator alone, to know how much of the stream's time is ours rather than the parser's.
  let genBytes = 0;
  const g0 = performance.now();
  for await (const chunk of csvChunks(n, rowsPerChunk, (b) => (genBytes += b))) void chunk;
  const generatorSeconds = (performance.now() - g0) / 1000;

  const heapBefore = settledHeap();
  const rssBefore = process.memoryUsage().rss;
  const every = Math.max(1, Math.floor(n / 10));
  const samples: Array<{ rows: number; heapMiB: number; rssMiB: number }> = [{ rows: 0, heapMiB: mib(heapBefore), rssMiB: mib(rssBefore) }];
  let bytes = 0;
  let rows = 0;
  const counts = { remittances: 0, issues: 0 };
  let sampleSeconds = 0;
  const t0 = performance.now();
  for await (const event of parseCsvStream(csvChunks(n, rowsPerChunk, (b) => (bytes += b)), profile.profile)) {
    switch (event.type) {
      case 'remittance':
        counts.remittances++;
        break;
      case 'issue':
        counts.issues++;
        break;
      case 'skipped':
        break;
    }
    rows++;
    if (rows % every === 0) {
      const s0 = performance.now();
      samples.push({ rows, heapMiB: mib(settledHeap()), rssMiB: mib(process.memoryUsage().rss) });
      sampleSeconds += (performance.now() - s0) / 1000;
    }
  }
  const seconds = (performance.now() - t0) / 1000 - sampleSeconds;
  const heapValues = samples.slice(1).map((s) => s.heapMiB);
  printTable(`CSV memory along the stream (heapUsed after full GC; RSS), ${n.toLocaleString('en-US')} rows`, [
    ['rows', 'heapUsed MiB', 'RSS MiB'],
    ...samples.map((s) => [s.rows, s.heapMiB, s.rssMiB]),
  ]);
  const parseOnly = seconds - generatorSeconds;
  return finish('csv', 'rows', n, bytes, seconds, counts, null, heapBefore, {
    rowsPerChunk,
    generatorSeconds: round(generatorSeconds),
    generatorBytesCheck: genBytes === bytes,
    parseOnlySecondsEstimate: round(parseOnly),
    parseOnlyRowsPerSecondEstimate: round(n / parseOnly, 0),
    heapSpreadAlongStreamMiB: round(Math.max(...heapValues) - Math.min(...heapValues), 1),
    memorySamples: samples,
    timingExcludes: 'the forced GCs of the ten memory samples',
  });
}

function printResults(results: FormatResult[]): void {
  printTable('Parsers (in memory, single thread)', [
    ['format', 'items', 'seconds', 'items/s', 'MiB/s', 'input MiB', 'p50 ms/call', 'p99 ms/call', 'peak RSS MiB', 'heap after MiB', 'ok / issues'],
    ...results.map((r) => [
      r.format,
      `${r.items.toLocaleString('en-US')} ${r.unit}`,
      r.seconds,
      r.itemsPerSecond,
      r.mibPerSecond,
      r.inputMiB,
      r.callLatencyMs?.p50Ms ?? Number.NaN,
      r.callLatencyMs?.p99Ms ?? Number.NaN,
      r.peakRssMiB,
      r.heapAfterMiB,
      `${r.remittances} / ${r.issues}`,
    ]),
  ]);
  for (const r of results) {
    if (r.format === 'csv') {
      process.stdout.write(`csv: generator alone ${String(r.notes.generatorSeconds)} s of the ${r.seconds} s; parser-only estimate ${String(r.notes.parseOnlyRowsPerSecondEstimate)} rows/s; heap spread along the stream ${String(r.notes.heapSpreadAlongStreamMiB)} MiB\n`);
    }
    if (r.format === 'camt054') process.stdout.write(`camt054: ${String(r.notes.documents)} documents of ${String(r.notes.transactionsPerDocument)} transactions (${String(r.notes.documentMiB)} MiB each); latency is per document\n`);
  }
}

async function runOne(format: Format, args: BenchArgs): Promise<FormatResult> {
  switch (format) {
    case 'mt103':
      return benchMt103(args.int('mt', 100_000));
    case 'camt054':
      return benchCamt(args.int('camt', 100_000), args.int('camt-per-doc', 1_000));
    case 'csv':
      return benchCsv(args.int('csv', 1_000_000), args.int('csv-chunk-rows', 500));
  }
}

/** Runs one format in a child process (this file with --only) and returns its result line. */
function runChild(format: Format): Promise<FormatResult> {
  return new Promise((resolve, reject) => {
    const argv = process.argv.slice(2).filter((a, i, all) => a !== '--only' && all[i - 1] !== '--only' && !a.startsWith('--only='));
    const child = spawn(process.execPath, [...process.execArgv, __filename, ...argv, '--only', format], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, [CHILD_ENV]: '1' } });
    let buffered = '';
    let result: FormatResult | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffered += text;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) {
          const parsed = JSON.parse(line.slice(RESULT_PREFIX.length)) as { results?: FormatResult[] };
          result = parsed.results?.[0] ?? null;
        } else process.stdout.write(`${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`${format} benchmark failed (${code !== null ? `exit code ${code}` : `signal ${signal ?? '?'}`})`));
    });
  });
}

async function main(): Promise<void> {
  const args = new BenchArgs();
  args.rejectUnknown(KNOWN);
  const only = args.string('only');
  if (only !== undefined && !isFormat(only)) throw new Error(`--only must be one of ${formats.join(', ')}, not "${only}"`);
  const machine = conditions();
  const results: FormatResult[] = [];
  if (only !== undefined) {
    process.stderr.write(`[parse] ${only}...\n`);
    results.push(await runOne(only, args));
  } else {
    for (const f of formats) {
      process.stderr.write(`[parse] ${f} (child process)...\n`);
      results.push(await runChild(f));
    }
  }
  if (process.env[CHILD_ENV] !== '1') printResults(results);
  const bad = results.filter((r) => r.issues > 0 || r.remittances !== r.items);
  printJsonLine({ bench: 'parse', machine, gcExposed: (globalThis as { gc?: unknown }).gc !== undefined, results });
  if (bad.length > 0) {
    process.stderr.write(`[parse] FAILED: unexpected issues or missing remittances in ${bad.map((r) => r.format).join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[parse] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
