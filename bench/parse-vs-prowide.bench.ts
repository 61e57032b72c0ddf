/**
 * Differential test against prowide-core (issue 21 item 3): the same generated MT103 corpus through both parsers.
 *
 *   npm run bench -- parse-vs-prowide [--n 100000] [--seed 21] [--rounds 3]
 *
 * Generates `--n` valid, varied MT103 (bench/support/mt103-corpus.ts) into one RJE file, reads it
 * with prowide-core (tools/prowide: `mvn -f tools/prowide/pom.xml dependency:copy-dependencies`
 * fetches pw-swift-core into .local/prowide/libs; ProwideParse.java is compiled there) and with
 * `parseFin`, projects both onto the same fields, and prints per-field agreement, every class of
 * disagreement with an example, the messages either side rejected, and the speed of both on the
 * same corpus in the same run (per message and per file, after one warm-up pass) as a ratio:
 * `--rounds` rounds, prowide's and ours interleaved (the Java process stays up, warm, and runs a
 * round when told), wall and CPU time, the median round's ratio. Ours is timed before the
 * comparison data is built, so its heap holds what the Java process holds (the corpus).
 * Documented choices (connectors/swift-mt/README.md "Differences from prowide-core") are counted
 * apart; the bench exits 1 on any other disagreement or on a valid message we reject.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseFin } from '@connectors/swift-mt';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { BenchArgs } from './support/args';
import { corpusRje } from './support/mt103-corpus';
import { filesOf, LOCAL, median, ourRound, startProwide, type Timing } from './support/prowide';
import { printJsonLine, printTable } from './support/report';

type Row = Record<string, unknown>;

const FIELDS = [
  'ref', 'valueDate', 'currency', 'amount', 'instructed', 'chargeBearer', 'charges', 'uetr', 'payerAccount', 'payerIdentifier', 'payerBic',
  'beneficiaryAccount', 'orderingBic', 'intermediaryBic', 'accountWithBic', 'codes',
] as const;

/**
 * Differences that are the project's choice (connectors/swift-mt/README.md "Differences from
 * prowide-core"), recognised precisely; anything else is a disagreement:
 * 1. several values of one :70: code separated by `//` are split by us (UHB 70), kept as one by prowide;
 * 2. a known code glued to the text before it (`EO-2026-833800/ROC/Q410556`) or after free text on a
 *    line is read by us; prowide reads codes only at the start of a line;
 * 3. a line shorter than 35 characters ends a code's value for us (the sender ended it; only a full
 *    line was wrapped), while prowide glues the next line to it (`/INV/EO-1` + `PAYMENT` → `EO-1PAYMENT`).
 */
function documentedChoice(field: string, ours: unknown, theirs: unknown): string | null {
  if (field !== 'codes') return null;
  const o = ours as string[];
  const t = (theirs as string[]).flatMap((c) => {
    const colon = c.indexOf(':');
    const code = c.slice(0, colon);
    return code === 'URI' ? [c] : c.slice(colon + 1).split('//').map((v) => `${code}:${v.trim()}`).filter((v) => !v.endsWith(':'));
  });
  if (JSON.stringify(o) === JSON.stringify(t)) return 'codes: several `//`-separated values of one code are split by us';
  if (t.every((c) => o.includes(c)) && o.length > t.length) return 'codes: a known code glued to text or after free text is read by us only';
  const prefixOfTheirs = (c: string): boolean => o.some((x) => x !== c && c.startsWith(x) && x.slice(0, x.indexOf(':')) === c.slice(0, c.indexOf(':')));
  if (t.length > 0 && t.every((c) => o.includes(c) || prefixOfTheirs(c))) return 'codes: a short :70: line ends the value for us; prowide glues the next line to it';
  return null;
}

function normAmount(a: string): string {
  const [i, f = ''] = a.split('.');
  const frac = f.replace(/0+$/, '');
  return frac ? `${i.replace(/^0+(?=\d)/, '')}.${frac}` : i.replace(/^0+(?=\d)/, '');
}

function project(r: CanonicalRemittance): Row {
  const id = r.payer.identifier;
  return {
    ref: r.messageRef,
    valueDate: r.valueDate,
    currency: r.currency,
    amount: normAmount(r.amount),
    instructed: r.instructedAmount ? `${r.instructedAmount.currency} ${normAmount(r.instructedAmount.amount)}` : null,
    chargeBearer: r.chargeBearer,
    charges: r.chargesDeducted.map((c) => `${c.currency} ${normAmount(c.amount)}`),
    uetr: r.uetr,
    payerAccount: r.payer.account,
    payerIdentifier: id ? `${id.code}/${id.country}/${id.id}` : null,
    payerBic: r.payer.bic,
    beneficiaryAccount: r.beneficiary.account,
    orderingBic: r.agents?.ordering ?? null,
    intermediaryBic: r.agents?.intermediary ?? null,
    accountWithBic: r.agents?.accountWith ?? null,
    codes: (r.typedReferences ?? []).map((t) => `${t.code}:${t.value}`),
  };
}

async function main(): Promise<void> {
  const args = new BenchArgs();
  args.rejectUnknown(['n', 'seed', 'rounds']);
  const n = args.int('n', 100_000);
  const seed = args.int('seed', 21);
  const roundCount = args.int('rounds', 3);
  const corpus = corpusRje(n, seed);
  const messages = corpus.messages;
  process.stdout.write(`corpus: ${n} MT103, ${(corpus.text.length / 1024 / 1024).toFixed(1)} MiB, seed ${seed}\n`);
  const prowide = await startProwide(corpus.text, `${n}-${seed}`);
  const outPath = join(LOCAL, `prowide-${n}-${seed}.jsonl`);
  const files = filesOf(messages);
  const today = new Date('2026-12-07T00:00:00Z');
  ourRound(messages, files, today); // warm-up, as the Java side did
  const rounds: Array<{ prowide: Timing; ours: Timing }> = [];
  for (let r = 0; r < roundCount; r++) {
    const theirRound = await prowide.round();
    rounds.push({ prowide: theirRound, ours: ourRound(messages, files, today) });
  }
  prowide.stop();
  const theirs = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
  const ours: Array<Row | { error: string }> = messages.map((m) => {
    const out = parseFin(m, { today });
    const r = out.remittances[0]?.remittance;
    return r ? { ...project(r), irregular: (r.irregularities ?? []).map((x) => x.code) } : { error: out.issues.map((x) => x.code).join(',') || 'no remittance' };
  });

  const agree = new Map<string, number>(FIELDS.map((f) => [f, 0]));
  const classes = new Map<string, { count: number; example: string }>();
  const choices = new Map<string, { count: number; example: string }>();
  let rejectedByUs = 0;
  let rejectedByThem = 0;
  let irregular = 0;
  const note = (map: Map<string, { count: number; example: string }>, key: string, example: string) => {
    const c = map.get(key) ?? { count: 0, example };
    c.count += 1;
    map.set(key, c);
  };
  for (let i = 0; i < n; i++) {
    const o = ours[i];
    const p = theirs[i];
    if ('error' in o) {
      rejectedByUs += 1;
      note(classes, `rejected by us: ${String(o.error)}`, messages[i].slice(0, 200));
      continue;
    }
    if (p === undefined || p.error !== undefined) {
      rejectedByThem += 1;
      note(classes, `rejected by prowide: ${JSON.stringify(p?.error ?? 'no line').slice(0, 80)}`, messages[i].slice(0, 200));
      continue;
    }
    if ((o.irregular as string[]).length > 0) {
      irregular += 1;
      note(classes, `flagged irregular by us: ${(o.irregular as string[]).join(',')}`, messages[i].slice(0, 200));
    }
    for (const f of FIELDS) {
      const a = JSON.stringify(o[f] ?? null);
      const b = JSON.stringify(p[f] ?? null);
      if (a === b) agree.set(f, (agree.get(f) ?? 0) + 1);
      else {
        const choice = documentedChoice(f, o[f] ?? null, p[f] ?? null);
        if (choice) {
          agree.set(f, (agree.get(f) ?? 0) + 1);
          note(choices, choice, `ours ${a} prowide ${b}`);
        } else note(classes, `${f}: ours ${kind(o[f])} vs prowide ${kind(p[f])}`, `#${i} ours ${a} prowide ${b}`);
      }
    }
  }
  const compared = n - rejectedByUs - rejectedByThem;
  printTable('Per-field agreement (documented choices counted as agreement)', [
    ['field', 'agree', 'of', 'share'],
    ...FIELDS.map((f) => [f, agree.get(f) ?? 0, compared, `${(((agree.get(f) ?? 0) / Math.max(1, compared)) * 100).toFixed(3)} %`]),
  ]);
  printTable('Disagreements and rejections (must be empty)', [['class', 'count', 'example'], ...[...classes.entries()].map(([k, v]) => [k, v.count, v.example.slice(0, 140)])]);
  printTable('Documented choices (README)', [['choice', 'count', 'example'], ...[...choices.entries()].map(([k, v]) => [k, v.count, v.example.slice(0, 140)])]);
  const ratio = (key: keyof Timing): number[] => rounds.map((r) => r.prowide[key] / r.ours[key]);
  const us = (ns: number): string => (ns / 1000 / n).toFixed(2);
  printTable(`Speed, same corpus, same run, single thread, after warm-up: ${roundCount} interleaved rounds (µs per message; ratio = prowide time / ours)`, [
    ['round', 'prowide msg', 'ours msg', 'ratio msg', 'prowide file', 'ours file', 'ratio file', 'ratio msg CPU', 'ratio file CPU'],
    ...rounds.map((r, i) => [
      i + 1,
      us(r.prowide.perMessageNs), us(r.ours.perMessageNs), (r.prowide.perMessageNs / r.ours.perMessageNs).toFixed(2),
      us(r.prowide.perFileNs), us(r.ours.perFileNs), (r.prowide.perFileNs / r.ours.perFileNs).toFixed(2),
      (r.prowide.perMessageCpuNs / r.ours.perMessageCpuNs).toFixed(2), (r.prowide.perFileCpuNs / r.ours.perFileCpuNs).toFixed(2),
    ]),
    ['median', '', '', median(ratio('perMessageNs')).toFixed(2), '', '', median(ratio('perFileNs')).toFixed(2), median(ratio('perMessageCpuNs')).toFixed(2), median(ratio('perFileCpuNs')).toFixed(2)],
  ]);
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
  const disagreements = [...classes.values()].reduce((s, c) => s + c.count, 0);
  printJsonLine({
    bench: 'parse-vs-prowide', n, seed, compared, rejectedByUs, rejectedByThem, irregular, disagreements,
    documentedChoices: Object.fromEntries([...choices.entries()].map(([k, v]) => [k, v.count])),
    speed: {
      rounds,
      ratioPerMessage: median(ratio('perMessageNs')),
      ratioPerFile: median(ratio('perFileNs')),
      ratioPerMessageCpu: median(ratio('perMessageCpuNs')),
      ratioPerFileCpu: median(ratio('perFileCpuNs')),
      loadAverage: loadavg(),
    },
  });
  if (disagreements > 0) process.exitCode = 1;
}

function kind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : 'list';
  return 'value';
}

main().catch((e: unknown) => {
  process.stderr.write(`[parse-vs-prowide] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
