import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { bankCsvConnector } from '@connectors/bank-csv';
import { parseErpOrder } from '@connectors/erp-orders';
import { iso20022Connector } from '@connectors/iso20022';
import { swiftMtConnector } from '@connectors/swift-mt';
import { canonicalRemittanceSchema, type ParseOutcome } from '@ereceipt/contracts';

/**
 * Fuzzing of the pure connectors (issue 16 item 4): generated and mutated inputs, seeded
 * (fast-check), through the MT, camt, CSV and ERP parsers as the hub calls them (bytes in).
 *
 * A failure is an *unexpected* outcome: a thrown error or rejected promise, an `*.INTERNAL_ERROR`
 * issue (a caught bug of ours), a remittance that breaks the canonical schema, an issue without a
 * code or message, or an input that took longer than `maxMsPerInput`. Bad input reported as issues
 * is the expected outcome. Inputs are mutations of the golden fixtures (ok, irregular, not-ok) by
 * character insertions, deletions, replacements from a format-aware alphabet, splices of two
 * seeds and line duplication, plus wholly random text.
 */
export const fuzzTargets = ['mt', 'camt', 'csv', 'erp'] as const;
export type FuzzTarget = (typeof fuzzTargets)[number];

export interface FuzzFailure {
  target: FuzzTarget;
  reason: string;
  input: string;
}

export interface FuzzReport {
  target: FuzzTarget;
  runs: number;
  failures: FuzzFailure[];
  slowestMs: number;
  slowestInput: string;
  totalMs: number;
}

const ROOT = join(__dirname, '..', '..');
const SOURCE_ROOT = ROOT.endsWith('dist') ? join(ROOT, '..') : ROOT;

function seeds(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const kind of ['ok', 'irregular', 'not-ok']) {
    const path = join(SOURCE_ROOT, dir, kind);
    let names: string[] = [];
    try {
      names = readdirSync(path);
    } catch {
      continue;
    }
    for (const n of names.filter((f) => f.endsWith(ext)).sort()) out.push(readFileSync(join(path, n), 'latin1'));
  }
  return out;
}

const ALPHABETS: Record<FuzzTarget, string> = {
  mt: '{}:-$\r\n/ 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ,.@\u0001\u0003?()\'+',
  camt: '<>/="\' \n\tAmtCcyNtryTxDtlsRefsUETR0123456789.-:&;!?[]',
  csv: ',;"\'\r\n\t 0123456789.-+/ABCDEFabcdef\u00a0',
  erp: '{}[]":,\n 0123456789.-truefalsnul<>/=abcdefghijklmnopqrstuvwxyz',
};

function mutated(target: FuzzTarget, corpus: string[]): fc.Arbitrary<string> {
  const char = fc.constantFrom(...ALPHABETS[target].split(''));
  const seed = fc.constantFrom(...corpus);
  type Edit = { kind: 'insert' | 'delete' | 'replace' | 'duplicate-line' | 'truncate'; at: number; text: string; len: number };
  const edit: fc.Arbitrary<Edit> = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate-line', 'truncate'),
    at: fc.nat(),
    text: fc.oneof(fc.string({ unit: char, maxLength: 8 }), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })),
    len: fc.integer({ min: 1, max: 40 }),
  });
  const apply = (input: string, e: Edit): string => {
    if (input.length === 0) return e.text;
    const at = e.at % (input.length + 1);
    switch (e.kind) {
      case 'insert':
        return input.slice(0, at) + e.text + input.slice(at);
      case 'delete':
        return input.slice(0, at) + input.slice(at + e.len);
      case 'replace':
        return input.slice(0, at) + e.text + input.slice(at + e.text.length);
      case 'truncate':
        return input.slice(0, at);
      case 'duplicate-line': {
        const start = input.lastIndexOf('\n', at - 1) + 1;
        const end = input.indexOf('\n', at);
        const line = input.slice(start, end < 0 ? input.length : end + 1);
        return input.slice(0, start) + line.repeat(1 + (e.len % 5)) + input.slice(start);
      }
    }
  };
  const edited = fc.tuple(seed, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([s, edits]) => edits.reduce(apply, s));
  const spliced = fc.tuple(seed, seed, fc.nat(), fc.nat()).map(([a, b, i, j]) => a.slice(0, i % (a.length + 1)) + b.slice(j % (b.length + 1)));
  const random = fc.string({ unit: fc.oneof(char, fc.constantFrom(...'\u0000\uFEFF\uFFFD\u00e9\u4e2d'.split(''))), maxLength: 400 });
  return fc.oneof({ arbitrary: edited, weight: 6 }, { arbitrary: spliced, weight: 2 }, { arbitrary: random, weight: 1 });
}

function corpusOf(target: FuzzTarget): string[] {
  switch (target) {
    case 'mt':
      return seeds('connectors/swift-mt/test/fixtures', '.fin');
    case 'camt':
      return seeds('connectors/iso20022/test/fixtures', '.xml');
    case 'csv':
      return seeds('connectors/bank-csv/test/fixtures', '.csv');
    case 'erp':
      return [...seeds('connectors/erp-orders/test/fixtures', '.json'), ...seeds('connectors/erp-orders/test/fixtures', '.xml')].filter((s) => !s.includes('"remittances"'));
  }
}

/** What must hold for every bank connector outcome, whatever the input. */
function checkOutcome(outcome: ParseOutcome): string | null {
  if (!outcome || !Array.isArray(outcome.remittances) || !Array.isArray(outcome.issues) || !Array.isArray(outcome.skipped)) return 'outcome is not { remittances, issues, skipped }';
  const internal = outcome.issues.find((i) => /INTERNAL/.test(i.code));
  if (internal) return `internal error reported: ${internal.code}: ${internal.message}`;
  const bare = outcome.issues.find((i) => !i.code || !i.message);
  if (bare) return `issue without code or message: ${JSON.stringify(bare)}`;
  for (const r of outcome.remittances) {
    const checked = canonicalRemittanceSchema.safeParse(r.remittance);
    if (!checked.success) return `remittance breaks the canonical schema: ${checked.error.issues[0]?.message}`;
  }
  return null;
}

async function runOne(target: FuzzTarget, input: string): Promise<string | null> {
  const bytes = Buffer.from(input, target === 'mt' ? 'latin1' : 'utf8');
  switch (target) {
    case 'mt':
      return checkOutcome(await swiftMtConnector.parse(new Uint8Array(bytes)));
    case 'camt':
      return checkOutcome(await iso20022Connector.parse(new Uint8Array(bytes)));
    case 'csv':
      return checkOutcome(await bankCsvConnector.parse(new Uint8Array(bytes), { profile: 'generic' }));
    case 'erp': {
      const result = await parseErpOrder(new Uint8Array(bytes), input.trimStart().startsWith('<') ? 'application/xml' : 'application/json');
      if (result.ok) return null;
      const internal = result.issues.find((i) => /INTERNAL/.test(i.code) || !i.message);
      return internal ? `unexpected issue ${internal.code}: ${internal.message}` : null;
    }
  }
}

export interface FuzzOptions {
  runs: number;
  seed: number;
  maxMsPerInput: number;
  targets?: readonly FuzzTarget[];
  /** Called every `chunk` inputs with the runs so far (progress). */
  onProgress?: (target: FuzzTarget, done: number) => void;
}

/** Runs `runs` inputs per target; never throws for what a parser does (that is the finding). */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport[]> {
  const reports: FuzzReport[] = [];
  const chunk = 5_000;
  for (const [t, target] of (options.targets ?? fuzzTargets).entries()) {
    const arb = mutated(target, corpusOf(target));
    const report: FuzzReport = { target, runs: 0, failures: [], slowestMs: 0, slowestInput: '', totalMs: 0 };
    for (let from = 0; from < options.runs; from += chunk) {
      const inputs = fc.sample(arb, { numRuns: Math.min(chunk, options.runs - from), seed: options.seed + t * 1_000_003 + from });
      for (const input of inputs) {
        const started = performance.now();
        let reason: string | null;
        try {
          reason = await runOne(target, input);
        } catch (error) {
          reason = `threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
        }
        const ms = performance.now() - started;
        report.totalMs += ms;
        report.runs += 1;
        if (ms > report.slowestMs) {
          report.slowestMs = ms;
          report.slowestInput = input;
        }
        if (ms > options.maxMsPerInput) reason ??= `took ${ms.toFixed(1)} ms, over the ${options.maxMsPerInput} ms bound`;
        if (reason && report.failures.length < 20) report.failures.push({ target, reason, input });
        else if (reason) report.failures.push({ target, reason, input: '' });
      }
      options.onProgress?.(target, report.runs);
    }
    reports.push(report);
  }
  return reports;
}
