/**
 * prowide-core (tools/prowide) as a timing reference for the parse benches (issue 21): fetched
 * by Maven into .local/prowide (nothing committed), run as one warm Java process that times one
 * round (the corpus message by message, then as whole RJE files) each time it is asked, so that
 * the bench interleaves its rounds with ours on a shared, noisy machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseFin } from '@connectors/swift-mt';

const ROOT = join(__dirname, '..', '..', '..');
export const LOCAL = join(ROOT, '.local', 'prowide');
/** Messages per whole file (a bank file; one input is at most 20 MiB). */
export const FILE_MESSAGES = 10_000;

export function ensureProwide(): string {
  const libs = join(LOCAL, 'libs');
  if (!existsSync(join(libs)) || !readDirHasJar(libs)) {
    process.stdout.write('fetching prowide-core from Maven Central (tools/prowide/pom.xml)\n');
    execFileSync('mvn', ['-q', '-B', '-f', join(ROOT, 'tools', 'prowide', 'pom.xml'), 'dependency:copy-dependencies'], { stdio: 'inherit' });
  }
  const classes = join(LOCAL, 'classes');
  mkdirSync(classes, { recursive: true });
  execFileSync('javac', ['-d', classes, '-cp', `${libs}/*`, join(ROOT, 'tools', 'prowide', 'src', 'ProwideParse.java')], { stdio: 'inherit' });
  return `${libs}/*:${classes}`;
}

function readDirHasJar(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.startsWith('pw-swift-core'));
  } catch {
    return false;
  }
}

export interface Timing {
  perMessageNs: number;
  perMessageCpuNs: number;
  perFileNs: number;
  perFileCpuNs: number;
}

/** The Java side, warm, running one timing round per request. */
export class ProwideRounds {
  private readonly lines: AsyncIterator<string>;
  private constructor(private readonly child: ReturnType<typeof spawn>) {
    this.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  }

  static async start(classpath: string, corpusPath: string, outPath: string): Promise<ProwideRounds> {
    const child = spawn('java', ['-Xss4m', '-cp', classpath, 'ProwideParse', corpusPath, outPath, String(FILE_MESSAGES)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rounds = new ProwideRounds(child);
    await rounds.expect('READY');
    return rounds;
  }

  private async expect(prefix: string): Promise<string> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) throw new Error(`prowide run ended before ${prefix}`);
      if (next.value.startsWith(prefix)) return next.value.slice(prefix.length).trim();
    }
  }

  async round(): Promise<Timing> {
    this.child.stdin!.write('round\n');
    return JSON.parse(await this.expect('TIMING')) as Timing;
  }

  stop(): void {
    this.child.stdin!.end('quit\n');
  }
}

export function cpuNs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) * 1000;
}

/** Our round: every message alone (like one Kafka record), then the whole files. */
export function ourRound(messages: readonly string[], files: readonly string[], today: Date, parse: typeof parseFin = parseFin): Timing {
  let c = process.cpuUsage();
  let t = performance.now();
  for (const m of messages) parse(m, { today });
  const perMessageNs = (performance.now() - t) * 1e6;
  const perMessageCpuNs = cpuNs(c);
  c = process.cpuUsage();
  t = performance.now();
  let fromFiles = 0;
  for (const f of files) fromFiles += parse(f, { today }).remittances.length;
  const perFileNs = (performance.now() - t) * 1e6;
  const perFileCpuNs = cpuNs(c);
  if (fromFiles !== messages.length) throw new Error(`whole files gave ${fromFiles} remittances for ${messages.length} messages`);
  return { perMessageNs, perMessageCpuNs, perFileNs, perFileCpuNs };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}


/** RJE files of FILE_MESSAGES messages each, `$` lines between messages. */
export function filesOf(messages: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < messages.length; i += FILE_MESSAGES) files.push(messages.slice(i, i + FILE_MESSAGES).join('\r\n$\r\n'));
  return files;
}

/** Writes the corpus where the Java side reads it and starts prowide (warm-up included). */
export async function startProwide(text: string, name: string): Promise<ProwideRounds> {
  const classpath = ensureProwide();
  mkdirSync(LOCAL, { recursive: true });
  const corpusPath = join(LOCAL, `corpus-${name}.rje`);
  writeFileSync(corpusPath, text, 'latin1');
  return ProwideRounds.start(classpath, corpusPath, join(LOCAL, `prowide-${name}.jsonl`));
}
