import { isGap, type Segment } from './file-segments';
import type { TextIndex } from './text-index';

/**
 * FIN block grammar (research §1.1; prowide SwiftParser): `{1:…}{2:…}{3:{…}}{4:CRLF…CRLF-}{5:{…}}`.
 * Header and trailer blocks are brace-balanced on one line (block 3/5 nest `{tag:value}` and
 * block 5 text may hold braces); block 4 in text form ends only at `CRLF-}` (LF accepted), since
 * its 77T content may contain `{`. Each `{1:` starts a new message, so glued messages,
 * blank-line separated ones and ACK records (`{1:F21…}{4:{177:…}{451:0}}`) split naturally.
 */
export interface RawBlock {
  id: string;
  start: number;
  contentStart: number;
  content: string;
  end: number;
  /** The closing `}` / `-}` was not found before the line, segment or next message ended. */
  truncated: boolean;
}

export interface RawGroup {
  start: number;
  end: number;
  blocks: RawBlock[];
  /** Text that does not start with a block: headerless block 4 (`:20:…`) or garbage. */
  bare: { start: number; content: string } | null;
  unterminatedFrame: boolean;
}

const BLOCK_START = /^\{([0-9A-Z]{1,3}):/;

export function scanGroups(index: TextIndex, segment: Segment): RawGroup[] {
  const text = index.text;
  const groups: RawGroup[] = [];
  let current: RawGroup | null = null;
  let pos = segment.start;
  const flush = (): void => {
    if (current) groups.push(current);
    current = null;
  };
  while (pos < segment.end) {
    while (pos < segment.end && isGap(text.charCodeAt(pos))) pos++;
    if (pos >= segment.end) break;
    const head = BLOCK_START.exec(text.slice(pos, pos + 5));
    if (head) {
      const block = readBlock(index, pos, head[1], segment.end);
      if (block.id === '1' && current !== null) flush();
      current ??= { start: pos, end: pos, blocks: [], bare: null, unterminatedFrame: segment.unterminated };
      current.blocks.push(block);
      current.end = block.end;
      pos = Math.max(block.end, pos + 1);
    } else {
      flush();
      const end = boundAt(index, pos + 1, segment.end);
      groups.push({ start: pos, end, blocks: [], bare: { start: pos, content: text.slice(pos, end) }, unterminatedFrame: segment.unterminated });
      pos = end;
    }
  }
  flush();
  return groups;
}

/** The next `{1:` (start of another message) after `from`, or `limit`. */
function boundAt(index: TextIndex, from: number, limit: number): number {
  const next = index.nextIndexOf('{1:', from);
  return next < 0 || next > limit ? limit : next;
}

function readBlock(index: TextIndex, start: number, id: string, limit: number): RawBlock {
  const text = index.text;
  const contentStart = start + id.length + 2;
  const first = text[contentStart];
  if (id === '4' && (first === '\n' || first === '\r')) {
    // UHB: the text block ends with CRLF-}; stop at the next message if it never does.
    const bound = boundAt(index, contentStart, limit);
    const close = index.nextIndexOf('\n-}', contentStart);
    if (close >= 0 && close + 3 <= bound) {
      return { id, start, contentStart, content: text.slice(contentStart, close + 1), end: close + 3, truncated: false };
    }
    return { id, start, contentStart, content: text.slice(contentStart, bound), end: bound, truncated: true };
  }
  let depth = 1;
  for (let i = contentStart; i < limit; i++) {
    const c = text[i];
    if (c === '{') {
      // A new message inside an unclosed header block means the block was cut; at depth 2 and
      // deeper we are inside a tag value, where braces are allowed (danielquinn/mt103#3).
      if (depth === 1 && text.startsWith('{1:', i)) return cut(text, id, start, contentStart, i);
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return { id, start, contentStart, content: text.slice(contentStart, i), end: i + 1, truncated: false };
    } else if (c === '\n' || c === '\r') {
      // Header and trailer blocks are one line; a line break inside means the block was cut.
      return cut(text, id, start, contentStart, i);
    }
  }
  return cut(text, id, start, contentStart, limit);
}

function cut(text: string, id: string, start: number, contentStart: number, end: number): RawBlock {
  return { id, start, contentStart, content: text.slice(contentStart, end), end, truncated: true };
}
