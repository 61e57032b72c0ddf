import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, from source (libs/testing/src) or from dist/libs/testing/src. */
function findRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'ereceipt-hub') return dir;
  }
  throw new Error('cannot find the ereceipt-hub repository root');
}

export const REPO_ROOT = findRoot();
