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

/**
 * Length of the `:nn[a]:` / `:nnn[a]:` tag at the start of `line` (the regex
 * `^:(\d{2,3})([A-Z]?):`, hand-written: it runs on every line of every message), or 0.
 */
function tagLength(line: string): number {
  if (line.charCodeAt(0) !== 58 || !isDigit(line.charCodeAt(1)) || !isDigit(line.charCodeAt(2))) return 0;
  let i = isDigit(line.charCodeAt(3)) ? 4 : 3;
  const c = line.charCodeAt(i);
  if (c >= 65 && c <= 90) i++;
  return line.charCodeAt(i) === 58 ? i + 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `content` is the text of block 4 (or bare `:20:` text); `firstLine` is the input line where
 * that text begins. Lines are split on LF and a trailing CR dropped, so CRLF and LF both work.
 */
export function tokenizeFields(content: string, firstLine: number, sink: IssueSink): Field[] {
  const fields: Field[] = [];
  let last: Field | null = null;
  let stray = 0;
  let lineNo = firstLine;
  for (let from = 0; from <= content.length; lineNo++) {
    let nl = content.indexOf('\n', from);
    if (nl < 0) nl = content.length;
    const line = content.charCodeAt(nl - 1) === 13 && nl > from ? content.slice(from, nl - 1) : content.slice(from, nl);
    from = nl + 1;
    const tag = tagLength(line);
    if (tag > 0) {
      const option = isDigit(line.charCodeAt(tag - 2)) ? '' : line[tag - 2];
      const number = line.slice(1, tag - 1 - option.length);
      last = { tag: number + option, number, option, lines: [line.slice(tag)], lineNumbers: [lineNo] };
      fields.push(last);
    } else if (last !== null) {
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
