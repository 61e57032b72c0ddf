/**
 * Cell clean-up shared by header and data rows. Chinese exports pad cells with spaces and a TAB
 * inside the quotes (ICBC), HSBC HK leaves a TAB after the closing quote (bank-formats.md §4.1),
 * so trimming covers TAB, NBSP and the ideographic space as well as ASCII spaces.
 *
 * Values that look like spreadsheet formulas (`=SUM(..)`, `+1`, `-x`, `@cmd`) are kept as text:
 * nothing here evaluates them, and whoever writes them back into a spreadsheet must escape them.
 */
const EDGE_SPACE = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000]+$/g;

export function trimCell(value: string): string {
  return value.replace(EDGE_SPACE, '');
}

/** Header names compare trimmed, case-insensitively, with inner whitespace runs collapsed (`日 志 号`). */
export function headerKey(value: string): string {
  return trimCell(value).replace(/\s+/g, ' ').toLowerCase();
}

/** A trimmed cell, or null when it is empty or one of the profile's placeholders (`-`, `---`, `N/A`). */
export function cellValue(raw: string | undefined, emptyValues: ReadonlySet<string>): string | null {
  if (raw === undefined) return null;
  const value = trimCell(raw);
  return value === '' || emptyValues.has(value) ? null : value;
}

/**
 * For numeric-looking fields only (amounts, dates, accounts): drops Excel's leading `'` text marker
 * (BMO card numbers, §5 #60). Free text keeps it.
 */
export function stripTextMarker(value: string | null): string | null {
  return value !== null && value.startsWith("'") ? value.slice(1).trim() || null : value;
}
