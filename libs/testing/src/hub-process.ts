import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT as ROOT } from './repo-root';


export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
}

/**
 * The real hub as a child process (built dist/), so tests can SIGKILL it like a crash would; the
 * benchmarks use it too. Logs go to artifacts/logs/<name>-<start>.log unless `logFile` is given.
 */
export class HubProcess {
  private child: ChildProcess | null = null;
  private starts = 0;
  readonly baseUrl: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile?: string,
    /** The checkout whose bin/ereceipt.js runs (a benchmark may run another checkout's hub: the baseline). */
    private readonly root: string = ROOT,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static async create(name: string, env: Record<string, string>, options: { logFile?: string; root?: string } = {}): Promise<HubProcess> {
    return new HubProcess(name, await freePort(), env, options.logFile, options.root ?? ROOT);
  }

  /** Starts the hub and waits until it is ready and, when it runs consumers, consuming (/health/consumers). */
  async start(readyTimeoutMs = 90_000): Promise<void> {
    const t0 = Date.now();
    await this.launch('/health/ready', readyTimeoutMs);
    await waitFor(async () => (await fetch(`${this.baseUrl}/health/consumers`)).status === 200, `hub ${this.name} to be consuming`, Math.max(1_000, readyTimeoutMs - (Date.now() - t0)), 300);
  }

  /**
   * Starts the hub and waits only until its HTTP server answers (liveness), not for readiness:
   * for tests that watch /health/ready while the consumer is still joining its group.
   */
  async startLive(liveTimeoutMs = 90_000): Promise<void> {
    await this.launch('/health', liveTimeoutMs);
  }

  /** The current /health/ready answer: HTTP status and JSON body. */
  async readiness(): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; detail?: string; reason?: string }> } }> {
    return this.health('/health/ready');
  }

  /** The current /health/consumers answer (consumer health and Kafka, apart from readiness). */
  async consumerHealth(): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; detail?: string; reason?: string }> } }> {
    return this.health('/health/consumers');
  }

  private async health(path: string): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean; detail?: string; reason?: string }> } }> {
    const res = await fetch(`${this.baseUrl}${path}`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { ok: boolean; detail?: string; reason?: string }> } };
  }

  private async launch(probePath: string, timeoutMs: number): Promise<void> {
    const file = this.logFile ?? join(ROOT, 'artifacts', 'logs', `${this.name}-${this.starts + 1}.log`);
    this.starts++;
    mkdirSync(join(file, '..'), { recursive: true });
    const log = createWriteStream(file, { flags: 'a' });
    this.child = spawn(process.execPath, [join(this.root, 'bin', 'ereceipt.js'), 'hub'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HTTP_PORT: String(this.port), PUBLIC_URL: this.baseUrl, KAFKA_SESSION_TIMEOUT_MS: '6000', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    const child = this.child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}; see ${file}`);
        const res = await fetch(`${this.baseUrl}${probePath}`);
        return res.status === 200;
      },
      probePath === '/health/ready' ? `hub ${this.name} to be ready` : `hub ${this.name} to answer ${probePath}`,
      timeoutMs,
      300,
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the child process is alive. */
  get running(): boolean {
    const c = this.child;
    return c !== null && c.exitCode === null && c.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed; exactly what a crash does. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: graceful shutdown. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private async signal(sig: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(sig);
    const code = await exited;
    this.child = null;
    return code;
  }
}
