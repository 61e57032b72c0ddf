import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in the repository's package.json, found from source or from dist/. */
function findVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'ereceipt-hub' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

export const HUB_VERSION = findVersion();
