/**
 * SWIFT character sets (UHB "Character sets"; prowide SwiftCharsetUtils).
 * x: a–z A–Z 0–9 / - ? : ( ) . , ' + space, and CR LF as line breaks only.
 * z (field 77T): x plus = ! " % & * ; < > @ # { _
 */
const X_EXTRA = "/-?:().,'+ ";
const Z_EXTRA = `${X_EXTRA}=!"%&*;<>@#{_`;

function isAlnum(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

export type CharsetName = 'x' | 'z';

/** Allowed ASCII characters of each set, as a lookup table (same sets as the strings above). */
function table(extra: string): Uint8Array {
  const allowed = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isAlnum(String.fromCharCode(c)) || extra.includes(String.fromCharCode(c))) allowed[c] = 1;
  return allowed;
}
const TABLES: Record<CharsetName, Uint8Array> = { x: table(X_EXTRA), z: table(Z_EXTRA) };

/** Position (0-based) of the first character outside the set in one line, or -1. */
export function firstOutside(line: string, set: CharsetName): number {
  const allowed = TABLES[set];
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 128 || allowed[code] === 0) return i;
  }
  return -1;
}

/** Human name of a character for an issue message: `'@' (U+0040)`, `TAB (U+0009)`. */
export function describeChar(line: string, at: number): string {
  const code = line.codePointAt(at) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = { 9: 'TAB', 13: 'CR', 0: 'NUL' };
  const name = names[code] ?? (code < 32 || code === 127 ? 'control character' : `'${String.fromCodePoint(code)}'`);
  return `${name} (${hex})`;
}

/** A character outside x (line breaks allowed), or a CR that is not part of a CRLF. */
const OUTSIDE_X_TEXT = /[^a-zA-Z0-9/\-?:().,'+ \r\n]|\r(?!\n)/;

/**
 * True when a whole text block is in the x set, CR and LF as line breaks only: then no line of
 * any field can break x or z (z is a superset), and the per-field check (`firstOutside`, which
 * finds the line and column) is not needed. One native regex scan instead of a loop per line.
 */
export function isAllX(text: string): boolean {
  return !OUTSIDE_X_TEXT.test(text);
}
