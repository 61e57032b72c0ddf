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
 * Then the ratios of issue 21 item 4 (`--only ratios` for them alone), each in interleaved rounds
 * (the machine is shared: every round times both sides back to back; the median round counts):
 * - MT per message and per file against prowide-core on the differential corpus
 *   (bench/support/mt103-corpus.ts, `--prowide-n` messages, files of 10,000; tools/prowide);
 * - with `--baseline <dir>` (a checkout of the code before, built: `<dir>/dist`), MT and camt
 *   against that code, e.g. main before the streaming camt reader (xml2js); camt entries/s are
 *   printed either way, against the 30,000 entries/s target.
 *
 *   npm run bench -- parse [--only mt103|camt054|csv|ratios] [--mt 100000] [--camt 100000] [--camt-per-doc 1000] [--csv 1000000]
 *                          [--prowide-n 100000] [--camt-ratio 20000] [--ratio-rounds 3] [--baseline ../main]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCsvStream, loadProfile } from '@connectors/bank-csv';
import { parseCamt } from '@connectors/iso20022';
import { parseFin } from '@connectors/swift-mt';
import { BenchArgs } from './support/args';
import { camt054Document, csvChunks, mt103Batch } from './support/generators';
import { corpusRje } from './support/mt103-corpus';
import { cpuNs, filesOf, median, ourRound, startProwide, type ProwideRounds, type Timing } from './support/prowide';
import { conditions, mib, MiB, printJsonLine, printTable, round, summarize, type LatencySummary } from './support/report';

const formats = ['mt103', 'camt054', 'csv'] as const;
type Format = (typeof formats)[number];
const isFormat = (v: string): v is Format => (formats as readonly string[]).includes(v);

const KNOWN = ['only', 'mt', 'camt', 'camt-per-doc', 'csv', 'csv-chunk-rows', 'prowide-n', 'camt-ratio', 'ratio-rounds', 'baseline'];
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

interface Baseline {
  dir: string;
  parseFin: typeof parseFin;
  parseCamt: typeof parseCamt;
}

async function loadBaseline(dir: string | undefined): Promise<Baseline | null> {
  if (dir === undefined) return null;
  const root = resolve(dir);
  const mt = join(root, 'dist', 'connectors', 'swift-mt', 'src', 'index.js');
  const camt = join(root, 'dist', 'connectors', 'iso20022', 'src', 'index.js');
  if (!existsSync(mt) || !existsSync(camt)) throw new Error(`--baseline ${dir}: build it first (npm ci or npm run build there); ${mt} is missing`);
  const mtModule = (await import(mt)) as { parseFin: typeof parseFin };
  const camtModule = (await import(camt)) as { parseCamt: typeof parseCamt };
  return { dir: root, parseFin: mtModule.parseFin, parseCamt: camtModule.parseCamt };
}

interface CamtTiming {
  wallNs: number;
  cpuNs: number;
}

async function camtRound(docs: readonly string[], parse: typeof parseCamt, expected: number): Promise<CamtTiming> {
  const c = process.cpuUsage();
  const t = performance.now();
  let remittances = 0;
  for (const xml of docs) remittances += (await parse(xml)).remittances.length;
  const wallNs = (performance.now() - t) * 1e6;
  if (remittances !== expected) throw new Error(`camt round gave ${remittances} remittances for ${expected} transactions`);
  return { wallNs, cpuNs: cpuNs(c) };
}

const fixed = (v: number, d = 2): string => v.toFixed(d);

/** Issue 21 item 4: MT against prowide-core (and the baseline), camt entries/s (and against the baseline). */
async function benchRatios(args: BenchArgs): Promise<Record<string, unknown>> {
  const roundCount = args.int('ratio-rounds', 3);
  const baseline = await loadBaseline(args.string('baseline'));
  const result: Record<string, unknown> = { baseline: baseline?.dir ?? null };

  // MT: the differential corpus, per message and as files of 10,000, prowide's rounds interleaved with ours.
  const n = args.int('prowide-n', 100_000);
  const corpus = corpusRje(n, 21);
  const files = filesOf(corpus.messages);
  const today = new Date('2026-12-07T00:00:00Z');
  let prowide: ProwideRounds | null = null;
  try {
    prowide = await startProwide(corpus.text, `${n}-21`);
  } catch (error) {
    process.stdout.write(`prowide-core not available (${error instanceof Error ? error.message : String(error)}): MT ratios against it skipped\n`);
  }
  ourRound(corpus.messages, files, today);
  if (baseline) ourRound(corpus.messages, files, today, baseline.parseFin);
  const mtRounds: Array<{ prowide: Timing | null; ours: Timing; baseline: Timing | null }> = [];
  for (let r = 0; r < roundCount; r++) {
    const theirs = prowide ? await prowide.round() : null;
    const before = baseline ? ourRound(corpus.messages, files, today, baseline.parseFin) : null;
    mtRounds.push({ prowide: theirs, ours: ourRound(corpus.messages, files, today), baseline: before });
  }
  prowide?.stop();
  const us = (ns: number): string => fixed(ns / 1000 / n);
  const ratioOf = (other: 'prowide' | 'baseline', key: keyof Timing): number | null => {
    const xs = mtRounds.flatMap((r) => (r[other] ? [r[other][key] / r.ours[key]] : []));
    return xs.length ? median(xs) : null;
  };
  const show = (v: number | null): string => (v === null ? '-' : fixed(v));
  printTable(`MT103 vs prowide-core${baseline ? ' and the baseline' : ''}: ${n.toLocaleString('en-US')} messages, ${roundCount} interleaved rounds (µs per message; ratio = their time / ours, > 1 is faster)`, [
    ['round', 'prowide msg', 'baseline msg', 'ours msg', 'prowide file', 'baseline file', 'ours file', 'vs prowide msg', 'vs prowide file', 'vs prowide msg CPU', 'vs prowide file CPU'],
    ...mtRounds.map((r, i) => [
      i + 1,
      r.prowide ? us(r.prowide.perMessageNs) : '-',
      r.baseline ? us(r.baseline.perMessageNs) : '-',
      us(r.ours.perMessageNs),
      r.prowide ? us(r.prowide.perFileNs) : '-',
      r.baseline ? us(r.baseline.perFileNs) : '-',
      us(r.ours.perFileNs),
      r.prowide ? fixed(r.prowide.perMessageNs / r.ours.perMessageNs) : '-',
      r.prowide ? fixed(r.prowide.perFileNs / r.ours.perFileNs) : '-',
      r.prowide ? fixed(r.prowide.perMessageCpuNs / r.ours.perMessageCpuNs) : '-',
      r.prowide ? fixed(r.prowide.perFileCpuNs / r.ours.perFileCpuNs) : '-',
    ]),
  ]);
  const mt = {
    messages: n,
    rounds: mtRounds,
    vsProwidePerMessage: ratioOf('prowide', 'perMessageNs'),
    vsProwidePerFile: ratioOf('prowide', 'perFileNs'),
    vsProwidePerMessageCpu: ratioOf('prowide', 'perMessageCpuNs'),
    vsProwidePerFileCpu: ratioOf('prowide', 'perFileCpuNs'),
    vsBaselinePerMessage: ratioOf('baseline', 'perMessageNs'),
    vsBaselinePerFile: ratioOf('baseline', 'perFileNs'),
  };
  process.stdout.write(
    `MT103 median ratios: vs prowide-core per message ${show(mt.vsProwidePerMessage)} (CPU ${show(mt.vsProwidePerMessageCpu)}), per file ${show(mt.vsProwidePerFile)} (CPU ${show(mt.vsProwidePerFileCpu)}); target >= 1.50` +
      (baseline ? `; vs baseline per message ${show(mt.vsBaselinePerMessage)}, per file ${show(mt.vsBaselinePerFile)}` : '') +
      '\n',
  );
  result.mt = mt;

  // camt.054: documents of 1,000 transactions, the baseline's rounds interleaved with ours.
  const entries = args.int('camt-ratio', 20_000);
  const perDoc = 1_000;
  const docs: string[] = [];
  for (let from = 0; from < entries; from += perDoc) docs.push(camt054Document(docs.length + 1, from, Math.min(perDoc, entries - from)));
  await camtRound(docs.slice(0, 2), parseCamt, Math.min(entries, 2 * perDoc));
  if (baseline) await camtRound(docs.slice(0, 2), baseline.parseCamt, Math.min(entries, 2 * perDoc));
  const camtRounds: Array<{ ours: CamtTiming; baseline: CamtTiming | null }> = [];
  for (let r = 0; r < roundCount; r++) {
    const before = baseline ? await camtRound(docs, baseline.parseCamt, entries) : null;
    camtRounds.push({ ours: await camtRound(docs, parseCamt, entries), baseline: before });
  }
  const perSecond = (ns: number): number => Math.round(entries / (ns / 1e9));
  printTable(`camt.054: ${entries.toLocaleString('en-US')} transactions in documents of ${perDoc}, ${roundCount} rounds (entries/s, wall and CPU)`, [
    ['round', 'baseline wall', 'baseline CPU', 'ours wall', 'ours CPU', 'ratio wall', 'ratio CPU'],
    ...camtRounds.map((r, i) => [
      i + 1,
      r.baseline ? perSecond(r.baseline.wallNs) : '-',
      r.baseline ? perSecond(r.baseline.cpuNs) : '-',
      perSecond(r.ours.wallNs),
      perSecond(r.ours.cpuNs),
      r.baseline ? fixed(r.baseline.wallNs / r.ours.wallNs) : '-',
      r.baseline ? fixed(r.baseline.cpuNs / r.ours.cpuNs) : '-',
    ]),
  ]);
  const camt = {
    entries,
    rounds: camtRounds,
    oursPerSecond: median(camtRounds.map((r) => perSecond(r.ours.wallNs))),
    oursPerSecondCpu: median(camtRounds.map((r) => perSecond(r.ours.cpuNs))),
    vsBaseline: baseline ? median(camtRounds.map((r) => (r.baseline?.wallNs ?? 0) / r.ours.wallNs)) : null,
    vsBaselineCpu: baseline ? median(camtRounds.map((r) => (r.baseline?.cpuNs ?? 0) / r.ours.cpuNs)) : null,
  };
  process.stdout.write(
    `camt.054 median: ${camt.oursPerSecond.toLocaleString('en-US')} entries/s wall, ${camt.oursPerSecondCpu.toLocaleString('en-US')} entries/s CPU (target >= 30,000)` +
      (baseline ? `; vs baseline ${show(camt.vsBaseline)} wall, ${show(camt.vsBaselineCpu)} CPU` : '; pass --baseline <checkout of main, built> for the ratio against the code before') +
      '\n',
  );
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
  result.camt = camt;
  result.loadAverage = loadavg();
  return result;
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
  if (only !== undefined && only !== 'ratios' && !isFormat(only)) throw new Error(`--only must be one of ${formats.join(', ')}, ratios, not "${only}"`);
  const machine = conditions();
  const results: FormatResult[] = [];
  if (only === 'ratios') {
    printJsonLine({ bench: 'parse', machine, ratios: await benchRatios(args) });
    return;
  }
  if (only !== undefined) {
    process.stderr.write(`[parse] ${only}...\n`);
    results.push(await runOne(only, args));
  } else {
    for (const f of formats) {
      process.stderr.write(`[parse] ${f} (child process)...\n`);
      results.push(await runChild(f));
    }
  }
  const parent = process.env[CHILD_ENV] !== '1';
  if (parent) printResults(results);
  const ratios = parent && only === undefined ? await benchRatios(args) : undefined;
  const bad = results.filter((r) => r.issues > 0 || r.remittances !== r.items);
  printJsonLine({ bench: 'parse', machine, gcExposed: (globalThis as { gc?: unknown }).gc !== undefined, results, ratios });
  if (bad.length > 0) {
    process.stderr.write(`[parse] FAILED: unexpected issues or missing remittances in ${bad.map((r) => r.format).join(', ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`[parse] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
