#!/usr/bin/env node
// The `ereceipt` command. `npm ci` builds dist/ (the `prepare` script); `npm run build` rebuilds it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('ereceipt: not built yet. Run `npm ci` (or `npm run build`) in the repository first.\n');
  process.exit(2);
}
process.env.TZ = process.env.TZ || 'UTC';
require(main);
