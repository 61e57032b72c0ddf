import type { LineIndex } from './line-index';

/** Where one element starts (1-based line) and its raw text, from `<Tag` to its `</Tag>`. */
export interface ElementSpan {
  line: number;
  raw: string;
}

/**
 * Finds every element with one of the given local names, in document order, by scanning start
 * and end tags in the text (comments, CDATA sections and processing instructions are skipped, so
 * `<Ntry` inside them is not counted). xml2js keeps repeated siblings in document order, so the
 * n-th `TxDtls` met while walking the parsed tree is the n-th span here. Works for elements that
 * never nest in themselves (`Ntry`, `TxDtls`). Only called on text that parsed as XML.
 */
export function scanElements(text: string, names: readonly string[], lines: LineIndex): Map<string, ElementSpan[]> {
  const found = new Map<string, ElementSpan[]>(names.map((n) => [n, []]));
  const open = new Map<string, number>();
  let at = text.indexOf('<');
  while (at >= 0) {
    const next = skipNonElement(text, at);
    if (next !== null) {
      at = text.indexOf('<', next);
      continue;
    }
    const closing = text[at + 1] === '/';
    const nameStart = closing ? at + 2 : at + 1;
    const name = /^[^\s/>]+/.exec(text.slice(nameStart, nameStart + 200))?.[0] ?? '';
    const local = name.slice(name.indexOf(':') + 1);
    const end = tagEnd(text, nameStart + name.length);
    const spans = found.get(local);
    if (spans) {
      if (closing) {
        const start = open.get(local);
        if (start !== undefined) spans.push({ line: lines.lineAt(start), raw: text.slice(start, end + 1) });
        open.delete(local);
      } else if (text[end - 1] === '/') {
        spans.push({ line: lines.lineAt(at), raw: text.slice(at, end + 1) });
      } else {
        open.set(local, at);
      }
    }
    at = text.indexOf('<', end + 1);
  }
  // Spans are pushed when an element closes; for non-nesting names that is document order.
  return found;
}

/** For `<!--`, `<![CDATA[`, `<?` and `<!...>` returns the offset after them; null for a tag. */
function skipNonElement(text: string, at: number): number | null {
  const skips: Array<[string, string]> = [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
    ['<?', '?>'],
    ['<!', '>'],
  ];
  for (const [open, close] of skips) {
    if (text.startsWith(open, at)) {
      const end = text.indexOf(close, at + open.length);
      return end < 0 ? text.length : end + close.length;
    }
  }
  return null;
}

/** Offset of the `>` closing a tag, skipping quoted attribute values (which may contain `>`). */
function tagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return text.length - 1;
}
