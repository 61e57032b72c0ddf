/**
 * `npm test` runs this (after the build): every reference in the repository's text files must resolve
 * inside the repository, so a clone of it alone can follow each one.
 * - a relative Markdown link (`[text](../libs/x/README.md)`) must name an existing file or folder
 *   inside the repository;
 * - a path from the repository root in any text file (`libs/matching/README.md`, `tools/kafka/pom.xml`)
 *   must exist;
 * - the design documents the project started from live outside it: citing them (the upper-case
 *   DOMAIN, CONTRACT, STYLE or ARCHITECTURE .md names, or the design folder) fails; the rules are
 *   in docs/domain.md, docs/contract.md, docs/conventions.md and docs/architecture.md.
 * Exit 1 with one `FILE:LINE: problem` line per finding.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';

export interface Finding {
  file: string;
  line: number;
  problem: string;
}

const TEXT = new Set(['.md', '.ts', '.js', '.mjs', '.cjs', '.json', '.yml', '.yaml', '.properties', '.xml', '.html', '.css', '.sh', '.txt', '']);
/** Generated or third-party text, not prose written here. */
const SKIP = [/^docs\/api\//, /(^|\/)package-lock\.json$/, /^node_modules\//, /^dist\//];
/** The files that spell the forbidden names and sample paths to define the rules or rewrite citations: not checked. */
const DEFINES_THE_RULE = new Set(['tools/references/check-references.ts', 'tools/references/check-references.spec.ts', 'scripts/rewrite-design-references.js']);

const OUTSIDE_DOCS = /\b(?:DOMAIN|CONTRACT|STYLE|ARCHITECTURE)\.md\b|shared\/design\b/;
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const ROOT_PATH = /(?<![\w.@/$~-])((?:apps|libs|connectors|tools|docs|test|bench|scripts|samples|bin)\/[\w.\-/]*\w)/g;

/** The repository's text files, from git (tracked, and new files not ignored). */
export function repositoryFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(out.split('\0').filter(Boolean))].filter((f) => TEXT.has(extname(f)) && !SKIP.some((s) => s.test(f)) && existsSync(join(root, f)));
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//');
}

/** The package folder of a file (`connectors/swift-mt` for `connectors/swift-mt/src/x.ts`), whose own paths (`test/fixtures`) its files may name. */
function packageOf(file: string): string {
  const parts = file.split('/');
  return ['apps', 'libs', 'connectors', 'tools'].includes(parts[0] ?? '') && parts.length > 2 ? parts.slice(0, 2).join('/') : '.';
}

/** The path exists from one of the bases, as written or as a module path without its extension. */
function resolvesFrom(bases: string[], path: string): boolean {
  return bases.some((base) => ['', '.ts', '.js', '/index.ts'].some((suffix) => existsSync(join(base, path + suffix))));
}

/** Problems in one file's text (`file` relative to `root`). */
export function checkText(root: string, file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  const markdown = extname(file) === '.md';
  lines.forEach((content, index) => {
    const line = index + 1;
    const outside = OUTSIDE_DOCS.exec(content);
    if (outside) findings.push({ file, line, problem: `cites "${outside[0]}", a design document outside the repository: cite docs/domain.md, docs/contract.md, docs/conventions.md or docs/architecture.md` });
    if (markdown) {
      for (const match of content.matchAll(MARKDOWN_LINK)) {
        const target = decodeURI((match[1] ?? '').replace(/[#?].*$/, ''));
        if (!target || isExternal(match[1] ?? '')) continue;
        const absolute = isAbsolute(target) ? join(root, target) : resolve(root, dirname(file), target);
        const inside = relative(root, absolute);
        if (inside.startsWith('..') || isAbsolute(inside)) findings.push({ file, line, problem: `links to ${match[1]}, outside the repository` });
        else if (!existsSync(absolute)) findings.push({ file, line, problem: `links to ${match[1]}, which does not exist` });
      }
    }
    for (const match of content.matchAll(ROOT_PATH)) {
      const path = match[1] ?? '';
      const rest = content.slice((match.index ?? 0) + match[0].length);
      if (/^[\w.\-/]*[{*<|]/.test(rest)) continue; // a pattern (`buyer-page-*.png`, `ok|not-ok`), not a file
      if (!resolvesFrom([root, join(root, packageOf(file)), join(root, dirname(file))], path)) {
        findings.push({ file, line, problem: `names ${path}, which does not exist in the repository` });
      }
    }
  });
  return findings;
}

export function checkRepository(root: string, files = repositoryFiles(root).filter((f) => !DEFINES_THE_RULE.has(f))): Finding[] {
  return files.flatMap((file) => checkText(root, file, readFileSync(join(root, file), 'utf8')));
}

if (require.main === module) {
  const root = resolve(__dirname, '..', '..', __dirname.split(/[\\/]/).includes('dist') ? '..' : '.');
  const findings = checkRepository(root);
  for (const f of findings) process.stderr.write(`${f.file}:${f.line}: ${f.problem}\n`);
  process.stdout.write(findings.length ? `references: ${findings.length} problem(s)\n` : 'references: every reference resolves inside the repository\n');
  process.exitCode = findings.length ? 1 : 0;
}
