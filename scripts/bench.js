#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench -- <name> [options]`: runs dist/bench/<name>.bench.js (compiled from
 * bench/<name>.bench.ts). Builds first when dist/ is missing or the benchmark is not built yet or
 * older than its sources (`--build` forces it). Without a name, or with an unknown one, lists them.
 *
 * The benchmark runs in a child Node process with --expose-gc (for "heap after GC" figures); its
 * exit code is ours. Each benchmark prints a table and, last, one line `BENCH_RESULT {json}`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'bench');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'bench');

/** @returns {string[]} benchmark names, from bench/*.bench.ts */
function benchmarks() {
  try {
    return fs
      .readdirSync(SRC)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.slice(0, -'.bench.ts'.length))
      .sort();
  } catch {
    return [];
  }
}

/** First comment line of each benchmark, as its description. @param {string} name */
function describe(name) {
  try {
    const text = fs.readFileSync(path.join(SRC, `${name}.bench.ts`), 'utf8');
    const m = /\/\*\*\s*\n\s*\*\s*(.+)/.exec(text);
    return m ? m[1].trim() : '';
  } catch {
    return '';
  }
}

function usage() {
  const names = benchmarks();
  const width = Math.max(0, ...names.map((n) => n.length));
  process.stdout.write('Usage: npm run bench -- <name> [--build] [options]\n\nBenchmarks:\n');
  for (const n of names) process.stdout.write(`  ${n.padEnd(width)}  ${describe(n)}\n`);
  process.stdout.write('\nExamples:\n  npm run bench -- mt103 --n 2000\n  npm run bench -- parse --only csv --csv 200000\n');
}

/** Newest mtime under a directory (recursively), for *.ts files. @param {string} dir */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** @param {string} target */
function needsBuild(target) {
  if (!fs.existsSync(DIST) || !fs.existsSync(target)) return true;
  return newestSource(SRC) > fs.statSync(target).mtimeMs;
}

function build() {
  process.stderr.write('[bench] building (npm run build)...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status === 0) return true;
  // `tsc && tsc-alias`: tsc emits even on type errors (in anyone's file), but then the aliases
  // (@connectors/...) are left unresolved; resolve them so the emitted JS can run.
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsc-alias', 'dist', 'bin', 'index.js'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  return false;
}

function main() {
  const argv = process.argv.slice(2);
  const name = argv[0];
  if (!name || name.startsWith('-') || name === 'help') {
    usage();
    return name === 'help' || name === '--help' || name === '-h' ? 0 : 2;
  }
  if (!benchmarks().includes(name)) {
    process.stderr.write(`Unknown benchmark "${name}".\n\n`);
    usage();
    return 2;
  }
  const rest = argv.slice(1).filter((a) => a !== '--build');
  const target = path.join(OUT, `${name}.bench.js`);
  if (argv.includes('--build') || needsBuild(target)) {
    const ok = build();
    if (!ok) {
      // tsc still emits on type errors elsewhere in the tree; use what we have if our file is there.
      if (!fs.existsSync(target)) {
        process.stderr.write(`[bench] build failed and ${path.relative(ROOT, target)} does not exist.\n`);
        return 1;
      }
      process.stderr.write(`[bench] build reported errors; running the existing ${path.relative(ROOT, target)} anyway.\n`);
    }
  }
  const child = spawn(process.execPath, ['--expose-gc', target, ...rest], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TZ: process.env.TZ || 'UTC' } });
  /** @param {NodeJS.Signals} sig */
  const forward = (sig) => {
    child.kill(sig);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code !== null ? code : signal ? 128 + 2 : 1;
  });
  return null;
}

const code = main();
if (code !== null) process.exitCode = code;
