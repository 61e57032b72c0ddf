// Shared by `npm test` and `npm run demo`: installs what is missing on a fresh clone.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

function run(cmd, opts = {}) {
  process.stdout.write(`\n$ ${cmd}\n`);
  execSync(cmd, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
}

/** npm ci when node_modules is missing or older than the lock file; it also builds (prepare). */
function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) run('npm ci --no-audit --no-fund');
}

module.exports = { ROOT, run, ensureInstalled };
