#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Rewrites citations of the design documents that live outside the repository (DOMAIN.md,
 * CONTRACT.md, STYLE.md, ARCHITECTURE.md of the design folder) into the repository's own docs:
 *   DOMAIN.md §3                      -> docs/domain.md §3          (same section numbers)
 *   CONTRACT.md "Order"               -> docs/contract.md "Order"   (same section names)
 *   STYLE.md §6                       -> docs/conventions.md §6     (same rule numbers)
 *   ARCHITECTURE.md "Data flow rules" -> docs/architecture.md "Data flow"
 *   ARCHITECTURE.md "Services, and how they start" -> docs/conventions.md "Services, and how they start"
 *   ARCHITECTURE.md                   -> docs/architecture.md
 * Idempotent: run it again after merging branches that bring new citations, then
 * `npm run build && npm run docs:generate` (API descriptions cite them too, and docs/api is checked
 * against the code) and `npm run check:references` (part of `npm test`).
 *
 *   node scripts/rewrite-design-references.js          # rewrite, list the files changed
 *   node scripts/rewrite-design-references.js --check  # only list them; exit 1 when any
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { extname, join } = require('node:path');

const ROOT = join(__dirname, '..');
const SELF = new Set(['scripts/rewrite-design-references.js', 'tools/references/check-references.ts', 'tools/references/check-references.spec.ts']);
const TEXT = new Set(['.md', '.ts', '.js', '.mjs', '.cjs', '.json', '.yml', '.yaml', '.properties', '.xml', '.html', '.sh', '.txt', '']);

/** @type {Array<[RegExp, string]>} in order: specific forms first */
const RULES = [
  // "`../shared/design/ARCHITECTURE.md` was the starting plan" and similar pointers to the folder itself
  [/;?\s*`?(?:\.\.\/)*shared\/design\/ARCHITECTURE\.md`? was the starting plan\.?/g, '.'],
  [/(?:\.\.\/)*(?:shared\/)?design\/(DOMAIN|CONTRACT|STYLE|ARCHITECTURE)\.md/g, '$1.md'],
  [/\bARCHITECTURE\.md(`?\)?:? ?)"Data flow rules"/g, 'docs/architecture.md$1"Data flow"'],
  [/\bARCHITECTURE\.md(`?\)?:? ?)"Services, and how they start"/g, 'docs/conventions.md$1"Services, and how they start"'],
  [/(?<![\w/])DOMAIN\.md\b/g, 'docs/domain.md'],
  [/(?<![\w/])CONTRACT\.md\b/g, 'docs/contract.md'],
  [/(?<![\w/])STYLE\.md\b/g, 'docs/conventions.md'],
  [/(?<![\w/])ARCHITECTURE\.md\b/g, 'docs/architecture.md'],
];

/** @param {string} text */
function rewrite(text) {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  // "now.." left by the first rule when the sentence ended there
  return out.replace(/now\.\.(\s)/g, 'now.$1');
}

function files() {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(listed.split('\0').filter(Boolean))].filter(
    (f) => TEXT.has(extname(f)) && !SELF.has(f) && !f.startsWith('docs/api/') && !f.endsWith('package-lock.json') && existsSync(join(ROOT, f)),
  );
}

function main() {
  const checkOnly = process.argv.includes('--check');
  const changed = [];
  for (const file of files()) {
    const path = join(ROOT, file);
    const before = readFileSync(path, 'utf8');
    const after = rewrite(before);
    if (after === before) continue;
    changed.push(file);
    if (!checkOnly) writeFileSync(path, after);
  }
  for (const f of changed) process.stdout.write(`${f}\n`);
  process.stdout.write(`${checkOnly ? 'would rewrite' : 'rewrote'} ${changed.length} file(s)\n`);
  if (!checkOnly && changed.length > 0) process.stdout.write('next: npm run build && npm run docs:generate && npm run check:references\n');
  if (checkOnly && changed.length > 0) process.exitCode = 1;
}

if (require.main === module) main();
module.exports = { rewrite };
