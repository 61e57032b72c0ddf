#!/usr/bin/env node
// `npm test`: from a fresh clone, installs what is missing, starts the local Kafka broker and checks
// PostgreSQL, builds (tsc, then `nest build` of both apps), lints, type-checks, checks boundaries and
// that every file reference resolves inside the repository, then runs the unit, integration and
// end-to-end tiers against the real services. Ends with one line: "tests: N passed, N failed".
const { existsSync, readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, run, ensureInstalled } = require('./bootstrap');

process.env.TZ = 'UTC';
const jestArgs = process.argv.slice(2);
let summary = null;

main().catch((e) => {
  if (summary) print(summary);
  process.stderr.write(`\nnpm test failed: ${e.message.split('\n')[0]}\n`);
  process.exit(1);
});

async function main() {
  ensureInstalled();
  ensureChromium();
  run('npm run build --silent');
  // Service URLs from the environment, else whatever Kafka answers at 127.0.0.1:9092 (ours or a
  // docker compose one), else our local broker is started; PostgreSQL is checked, the test DB created.
  // tools/services is TypeScript like the rest, so it runs from the build.
  process.stdout.write('\n$ ensure test services (Kafka, PostgreSQL)\n');
  const { ensureTestServices } = require('../dist/tools/services/src');
  const services = await ensureTestServices({ log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`Kafka ${services.kafkaBrokers} (${services.source.kafka}), PostgreSQL ${services.databaseUrl} (${services.source.postgres})\n`);
  // The Nest CLI's own builds (nest-cli.json, monorepo mode) into dist/nest/<app>: what `nest start` runs.
  run('npx nest build hub');
  run('npx nest build cli');
  run('npx eslint --max-warnings 0 .');
  run('npx tsc -p tsconfig.json --noEmit');
  run('npm run depcruise --silent');
  run('node dist/tools/references/check-references.js');
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  const out = join(ROOT, 'artifacts', 'jest-results.json');
  try {
    run(`npx jest --ci --forceExit --json --outputFile=${out} ${jestArgs.join(' ')}`);
  } finally {
    try {
      summary = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      summary = null;
    }
  }
  print(summary);
}

// The console's browser tests drive Debian's chromium package (test/e2e/console.e2e-spec.ts).
function ensureChromium() {
  if (existsSync('/usr/bin/chromium') || process.env.CHROMIUM_PATH) return;
  process.stdout.write('\n$ install chromium (browser tests)\n');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  run(`${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium`);
}

function print(s) {
  if (!s) return;
  const skipped = s.numPendingTests + s.numTodoTests;
  process.stdout.write(`\ntests: ${s.numPassedTests} passed, ${s.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
}
