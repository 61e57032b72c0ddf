/**
 * Structured references in field 70 (UHB 70 usage: codes /INV/ invoice, /IPI/, /RFB/ reference
 * for the beneficiary, /ROC/ ordering customer's reference, /TSU/; several references of one
 * code separated by `//`; research tricky cases 17–18).
 *
 * Field 70 is 4 lines of 35 characters and senders wrap long text at 35 columns, even in the
 * middle of a reference (`…AUG` / `UST,2007`). So a line that is full (35 characters) is glued
 * to the next one without a separator; a shorter line ended on purpose and ends a reference.
 */
const WANTED = new Set(['INV', 'RFB', 'ROC']);
const MARKER = /\/(INV|IPI|RFB|ROC|TSU)\//g;

export function referencesIn(lines: string[]): string[] {
  const found: string[] = [];
  for (const chunk of joinWrapped(lines)) {
    const markers = [...chunk.matchAll(MARKER)].filter((m) => isCodeStart(chunk, m.index));
    markers.forEach((m, k) => {
      const next = markers[k + 1];
      let value = chunk.slice(m.index + m[0].length, next ? next.index : chunk.length);
      // `…//` just before the next code is the separator between codes, not part of the value.
      if (next && value.endsWith('//')) value = value.slice(0, -2);
      if (!WANTED.has(m[1])) return;
      for (const part of value.split('//')) {
        const ref = part.trim();
        if (ref.length > 0 && !found.includes(ref)) found.push(ref);
      }
    });
  }
  return found;
}

/** A code counts at the start of the text, after `//`, or after a space (`PAYMENT /INV/123`). */
function isCodeStart(chunk: string, at: number): boolean {
  if (at === 0) return true;
  const before = chunk[at - 1];
  return before === ' ' || (before === '/' && chunk[at - 2] === '/');
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
