import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export type Logger = (message: string) => void;

export const defaultLog: Logger = (message) => console.log(message);
export const silent: Logger = () => undefined;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The repository root (the folder with package.json), from the sources or from dist/. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.split(/[\\/]/).includes('dist')) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${from}`);
    dir = up;
  }
  return dir;
}

/** The `code` of a system error (an AggregateError carries it on its first error). */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; errors?: unknown };
  if (typeof e.code === 'string' || typeof e.code === 'number') return String(e.code);
  if (Array.isArray(e.errors) && e.errors.length > 0) return codeOf(e.errors[0]);
  return undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { errors?: unknown }).errors;
    if (!error.message && Array.isArray(inner) && inner.length > 0) return messageOf(inner[0]);
    return error.message || (codeOf(error) ?? error.name);
  }
  return String(error);
}

/** A process with this id exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

/** The command line of a process from /proc, or null where there is no /proc (macOS). */
export function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/** Something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Who listens on a TCP port, from `ss` when available ("" otherwise). */
export function describeListener(port: number): string {
  const result = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout) return '';
  const users = /users:\(\((.*?)\)\)/.exec(result.stdout);
  return users ? ` (${users[1]})` : '';
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Disk usage in bytes (allocated blocks, like du, so sparse index files count as little as they use). */
export function diskUsage(dir: string): number {
  let total = 0;
  const walk = (p: string) => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    total += process.platform === 'win32' ? st.size : st.blocks * 512;
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
  return total;
}

export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
