import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Repository root, from dist/bench/support/ at run time. */
export const ROOT = join(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
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

/** The real hub (built dist/) as a child process; adapted from test/support/hub-process.ts. */
export class HubProcess {
  private child: ChildProcess | null = null;
  readonly baseUrl: string;

  constructor(
    readonly logFile: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static async create(logFile: string, env: Record<string, string>): Promise<HubProcess> {
    return new HubProcess(logFile, await freePort(), env);
  }

  async start(readyTimeoutMs = 90_000): Promise<void> {
    mkdirSync(join(this.logFile, '..'), { recursive: true });
    const log = createWriteStream(this.logFile);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), 'hub'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HTTP_PORT: String(this.port), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}; see ${this.logFile}`);
        const res = await fetch(`${this.baseUrl}/health/ready`);
        return res.status === 200;
      },
      'the hub to be ready',
      readyTimeoutMs,
      300,
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    const c = this.child;
    return c !== null && c.exitCode === null && c.signalCode === null;
  }

  /** SIGTERM (graceful), then SIGKILL if it has not exited after `graceMs`. Resolves with how it ended. */
  async stop(graceMs = 30_000): Promise<string> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return `already exited (${child?.exitCode ?? child?.signalCode ?? 'never started'})`;
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(code !== null ? `exit code ${code}` : `signal ${signal ?? '?'}`)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const how = await exited;
    clearTimeout(timer);
    this.child = null;
    return how;
  }
}
