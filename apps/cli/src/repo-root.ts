import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder with package.json), from source or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root');
    dir = up;
  }
  return dir;
}

export interface LocalServices {
  up(options?: { quiet?: boolean }): Promise<unknown>;
  down(options?: { purge?: boolean }): Promise<unknown>;
  status(): Promise<unknown>;
  ensureDatabase(url: string): Promise<unknown>;
}

/** tools/services is plain JavaScript so it can run before anything is built. */
export function localServices(): LocalServices {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(repoRoot(), 'tools', 'services')) as LocalServices;
}
