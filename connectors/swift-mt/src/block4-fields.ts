import { show, type IssueSink } from './fin-issues';

/**
 * Block 4 tokenizer (research §0.2; prowide SwiftParser.isTagStart): a field starts only at a
 * line beginning with `:` + a valid tag (`nn[a]:`, or `nnn:` in system messages) + `:`. Any other
 * line, including one that starts with `-` or `:`, continues the previous field's value.
 */
export interface Field {
  /** Full tag as sent, e.g. `32A`, `59`, `71F`. */
  tag: string;
  /** Two- or three-digit number, e.g. `59`. */
  number: string;
  /** Option letter or '' (e.g. `F` for 50F). */
  option: string;
  /** Value lines, CR removed; the first is the text after `:tag:`. */
  lines: string[];
  /** 1-based input line of each value line. */
  lineNumbers: number[];
}

const TAG_START = /^:(\d{2,3})([A-Z]?):/;

/**
 * `content` is the text of block 4 (or bare `:20:` text); `firstLine` is the input line where
 * that text begins. Lines are split on LF and a trailing CR dropped, so CRLF and LF both work.
 */
export function tokenizeFields(content: string, firstLine: number, sink: IssueSink): Field[] {
  const fields: Field[] = [];
  const lines = content.split('\n');
  let stray = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const lineNo = firstLine + i;
    const m = TAG_START.exec(line);
    if (m) {
      fields.push({ tag: m[1] + m[2], number: m[1], option: m[2], lines: [line.slice(m[0].length)], lineNumbers: [lineNo] });
    } else if (fields.length > 0) {
      const last = fields[fields.length - 1];
      last.lines.push(line);
      last.lineNumbers.push(lineNo);
    } else if (line.trim() !== '' && stray++ === 0) {
      sink.add('MT.BAD_BLOCK4', `text block line ${show(line)} comes before the first :tag: field`, lineNo, '{4:}');
    }
  }
  // The line break before `-}` (and blank lines at the end of bare text) belong to no value.
  for (const field of fields) {
    while (field.lines.length > 1 && field.lines[field.lines.length - 1] === '') {
      field.lines.pop();
      field.lineNumbers.pop();
    }
  }
  return fields;
}

/** Fields by number, in message order (`byNumber(fields, '71')` → every 71F/71G). */
export function fieldsNumbered(fields: Field[], number: string): Field[] {
  return fields.filter((f) => f.number === number);
}

export function fieldTagged(fields: Field[], tag: string): Field | undefined {
  return fields.find((f) => f.tag === tag);
}
