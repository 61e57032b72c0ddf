/**
 * Content sniffing for `--format` guessing: delimiter-separated text with a header. Looks at the
 * first non-blank lines of the head for a line with at least two delimiters followed by lines
 * with the same field count; SWIFT FIN (`{1:`, `:20:`) and XML are ruled out first so the three
 * connectors do not both claim a file. A preamble (bank title lines) is allowed before the header.
 */
const DELIMITERS = [',', ';', '\t', '|'] as const;

function fieldCount(line: string, delimiter: string): number {
  // Delimiters inside quotes do not count; good enough for a guess on the first lines.
  let count = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count += 1;
  }
  return count;
}

export function looksLikeCsv(head: string): boolean {
  const text = head.replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start.startsWith('<') || start.startsWith('{1:') || /^:20:/m.test(text.slice(0, 2000))) return false;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 12);
  for (const delimiter of DELIMITERS) {
    for (let i = 0; i < lines.length; i++) {
      const width = fieldCount(lines[i], delimiter);
      if (width < 3) continue;
      const next = lines.slice(i + 1, i + 4);
      // A header alone (head cut short, or a file with no rows yet) still counts as CSV.
      if (next.length === 0 || next.some((l) => fieldCount(l, delimiter) === width)) return true;
    }
  }
  return false;
}
