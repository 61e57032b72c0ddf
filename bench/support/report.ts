import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Nearest-rank percentile of an ascending-sorted sample (p in 0..100); NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export interface LatencySummary {
  count: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function summarize(samplesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    minMs: round(sorted[0] ?? Number.NaN),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** Rounds a timing/size figure for display and JSON (3 significant decimals are plenty). */
export function round(v: number, digits = 3): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export const MiB = 1024 * 1024;
export const mib = (bytes: number): number => round(bytes / MiB, 1);

/** Prints an aligned text table; the first row is the header. */
export function printTable(title: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [``, title, line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), ''];
  process.stdout.write(`${out.join('\n')}\n`);
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '-';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2 });
}

/** The machine-readable result: one line, prefixed so it is easy to grep out of the output. */
export function printJsonLine(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

export function conditions(): Record<string, unknown> {
  const os = readOs();
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus, cpuModel: os.model, loadAvg1m: os.load, at: new Date().toISOString() };
}

function readOs(): { cpus: number; model: string; load: number } {
  const list = cpus();
  return { cpus: list.length, model: list[0]?.model ?? 'unknown', load: round(loadavg()[0] ?? Number.NaN, 2) };
}

/** VmRSS / VmHWM (bytes) of a process from /proc, or null when unavailable (not Linux, or it exited). */
export function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number.parseInt(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 'NaN', 10) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** utime+stime of a process in seconds, from /proc/<pid>/stat; null when unavailable. */
export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state is field 3, utime is 14, stime is 15 (1-based) -> indexes 11, 12 here
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Runs a benchmark's main: a failure prints its stack and exits 1 (the bench runner passes the code on). */
export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
