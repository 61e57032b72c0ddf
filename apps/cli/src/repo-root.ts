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
