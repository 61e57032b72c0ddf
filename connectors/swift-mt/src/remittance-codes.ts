import type { TypedReference } from '@ereceipt/contracts';

/**
 * Structured references in field 70 (UHB 70 usage: codes /INV/ invoice, /IPI/, /RFB/ reference
 * for the beneficiary, /ROC/ ordering customer's reference, /TSU/; in practice also /URI/ and
 * /BENEFRES/; several references of one code separated by `//`; research tricky cases 17–18).
 *
 * Field 70 is 4 lines of 35 characters and senders wrap long text at 35 columns, even in the
 * middle of a reference (`…AUG` / `UST,2007`). So a line that is full (35 characters) is glued
 * to the next one without a separator; a shorter line ended on purpose and ends a reference.
 *
 * A known code counts wherever it stands, also glued to the text before it
 * (`EO-2026-833800/ROC/Q410556` is the text `EO-2026-833800` and the reference `Q410556`): only
 * the codes in `CODES` are split on, so a reference such as `2026/ABC/1` stays whole.
 * `remittanceInfo` keeps the lines as sent; the text outside codes is kept there.
 */
export const CODES = ['INV', 'IPI', 'RFB', 'ROC', 'TSU', 'URI', 'BENEFRES'] as const;
/** The codes whose values identify what is paid (matching reads them as `references`). */
const WANTED = new Set(['INV', 'RFB', 'ROC', 'BENEFRES']);
const MARKER = new RegExp(`/(${CODES.join('|')})/`, 'g');

export interface Narrative {
  typed: TypedReference[];
  /** Values of the wanted codes, in order, without repeats. */
  references: string[];
}

export function readNarrative(lines: string[]): Narrative {
  const typed: TypedReference[] = [];
  for (const chunk of joinWrapped(lines)) {
    const markers = [...chunk.matchAll(MARKER)].filter((m) => isCodeStart(chunk, m.index));
    markers.forEach((m, k) => {
      const next = markers[k + 1];
      let value = chunk.slice(m.index + m[0].length, next ? next.index : chunk.length);
      // `…//` just before the next code is the separator between codes, not part of the value.
      if (next && value.endsWith('//')) value = value.slice(0, -2);
      // A URI holds `//` itself (`https://…`); the other codes separate several values with it.
      for (const part of m[1] === 'URI' ? [value] : value.split('//')) {
        const ref = part.trim();
        if (ref.length > 0 && !typed.some((t) => t.code === m[1] && t.value === ref)) typed.push({ code: m[1], value: ref });
      }
    });
  }
  const references: string[] = [];
  for (const t of typed) if (WANTED.has(t.code) && !references.includes(t.value)) references.push(t.value);
  return { typed, references };
}

export function referencesIn(lines: string[]): string[] {
  return readNarrative(lines).references;
}

/** A code counts wherever it stands, except inside a URL (`/URI/https://host/INV/x`). */
function isCodeStart(chunk: string, at: number): boolean {
  if (at === 0) return true;
  // Inside a URI value (`/URI/https://host/INV/x`) the marker is part of the URI.
  const lineStart = chunk.lastIndexOf(' ', at) + 1;
  return !chunk.slice(lineStart, at).includes('://');
}

function joinWrapped(lines: string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    current += line;
    if (line.length < 35) {
      chunks.push(current);
      current = '';
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Field 72 `6*35x` (UHB 72): `/8c/[text]` starts a code, `//` continues its text on the next
 * line. Lines that follow no code are kept under the code `TEXT`.
 */
export function readInstructions(lines: string[]): TypedReference[] {
  const out: TypedReference[] = [];
  for (const line of lines) {
    const code = /^\/([A-Z0-9]{1,8})\/(.*)$/.exec(line);
    if (code) {
      out.push({ code: code[1], value: code[2].trim() });
    } else if (line.startsWith('//') && out.length > 0) {
      const last = out[out.length - 1];
      last.value = `${last.value} ${line.slice(2).trim()}`.trim();
    } else if (line.trim() !== '') {
      out.push({ code: 'TEXT', value: line.trim() });
    }
  }
  return out;
}
