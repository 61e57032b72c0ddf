import type { TextIndex } from './text-index';

/**
 * Transport wrappers around FIN messages (research §1.5, prowide RJEReader / PPCReader):
 * - DOS-PCC: each message framed by SOH (0x01) … ETX (0x03), the gaps padded with spaces or NULs
 *   to a multiple of 512 bytes;
 * - RJE: messages separated by `$`, on its own line or glued (`-}${1:`), a trailing `$` allowed;
 * - anything else is one segment, which the block scanner splits at each `{1:` (blank lines,
 *   ACK-prefixed records, back-to-back messages).
 */
export interface Segment {
  start: number;
  end: number;
  /** Set when a DOS-PCC frame has an SOH without its ETX. */
  unterminated: boolean;
}

const SOH = '\u0001';
const ETX = '\u0003';

export function splitSegments(index: TextIndex): Segment[] {
  const text = index.text;
  return text.includes(SOH) ? splitDosPcc(text) : splitRje(text, 0, text.length);
}

function splitDosPcc(text: string): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  while (pos < text.length) {
    const soh = text.indexOf(SOH, pos);
    const gapEnd = soh < 0 ? text.length : soh;
    // Text between frames is padding; anything else is kept so that it is reported, not lost.
    if (!isPadding(text, pos, gapEnd)) segments.push(...splitRje(text, pos, gapEnd));
    if (soh < 0) break;
    const etx = text.indexOf(ETX, soh + 1);
    const nextSoh = text.indexOf(SOH, soh + 1);
    if (etx < 0 || (nextSoh >= 0 && nextSoh < etx)) {
      const end = nextSoh >= 0 ? nextSoh : text.length;
      segments.push({ start: soh + 1, end, unterminated: true });
      pos = end;
    } else {
      segments.push({ start: soh + 1, end: etx, unterminated: false });
      pos = etx + 1;
    }
  }
  return segments;
}

function isPadding(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isGap(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Whitespace, NUL, SOH, ETX, `$`: what may sit between two messages. */
export function isGap(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0 || code === 1 || code === 3 || code === 36;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0;
}

/**
 * Splits on a `$` that stands between messages: after a `}` (or the start) and before a `{`
 * (or the end), whitespace allowed around it. A `$` inside a narrative is outside the X set and
 * is reported there instead of cutting the message in two.
 */
function splitRje(text: string, from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let start = from;
  let at = text.indexOf('$', from);
  while (at >= 0 && at < to) {
    let before = at - 1;
    while (before >= start && isSpace(text.charCodeAt(before))) before--;
    let after = at + 1;
    while (after < to && isSpace(text.charCodeAt(after))) after++;
    const leftOk = before < start || text[before] === '}' || text[before] === '$';
    const rightOk = after >= to || text[after] === '{' || text[after] === '$';
    if (leftOk && rightOk) {
      segments.push({ start, end: at, unterminated: false });
      start = at + 1;
    }
    at = text.indexOf('$', at + 1);
  }
  segments.push({ start, end: to, unterminated: false });
  return segments;
}
