#!/usr/bin/env node
// `npm run demo`: from a fresh clone, installs what is missing (npm ci, which also builds), then runs
// `ereceipt demo` in this process: Kafka started (PostgreSQL checked), migrations, the hub, one whole
// trade through it (apps/cli/src/demo/demo.ts). The hub and the local mail catcher keep running until
// Ctrl+C or SIGTERM, which stop both; with --once, or CI=true, it stops after the summary.
const { join } = require('node:path');
const { ROOT, ensureInstalled } = require('./bootstrap');

ensureInstalled();
process.argv = [process.argv[0], join(ROOT, 'bin', 'ereceipt.js'), 'demo', ...process.argv.slice(2)];
require(join(ROOT, 'bin', 'ereceipt.js'));
