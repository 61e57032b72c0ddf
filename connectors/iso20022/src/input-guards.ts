import type { ParseIssue } from '@ereceipt/contracts';
import { camtIssue } from './issues';
import { lineAt } from './line-index';

/** Inputs above this are refused before parsing (a camt.053 month of a busy account is a few MiB). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

const WHOLE_INPUT = { line: null, index: null };

export type Guarded = { ok: true; text: string } | { ok: false; issue: ParseIssue };

export function tooLarge(size: number, unit: 'bytes' | 'characters'): ParseIssue {
  return camtIssue('CAMT.INPUT_TOO_LARGE', `input is ${size} ${unit}; the limit is ${MAX_INPUT_BYTES}`, null, WHOLE_INPUT);
}

/**
 * Bytes to text. UTF-8 (BOM allowed) unless a UTF-16 BOM or an XML declaration says
 * ISO-8859-1/Windows-1252. Invalid UTF-8 is refused, never replaced with U+FFFD.
 */
export function decodeInput(input: Uint8Array): Guarded {
  if (input.byteLength > MAX_INPUT_BYTES) return { ok: false, issue: tooLarge(input.byteLength, 'bytes') };
  const label = encodingOf(input);
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(input) };
  } catch {
    return {
      ok: false,
      issue: camtIssue('CAMT.BAD_ENCODING', `the input is not valid ${label} text`, null, WHOLE_INPUT),
    };
  }
}

function encodingOf(input: Uint8Array): string {
  if (input[0] === 0xff && input[1] === 0xfe) return 'utf-16le';
  if (input[0] === 0xfe && input[1] === 0xff) return 'utf-16be';
  // The declaration is ASCII: `<?xml version="1.0" encoding="ISO-8859-1"?>`.
  const head = String.fromCharCode(...input.subarray(0, 200));
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  const lower = declared?.toLowerCase();
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'windows-1252') return 'windows-1252';
  return 'utf-8';
}

/**
 * No DTDs at all: sax does not fetch external entities, but a bank file has no reason to carry a
 * DOCTYPE or ENTITY declaration, so we refuse it explicitly (XXE / billion-laughs). The scan is
 * textual, so a declaration quoted inside a comment is refused too.
 */
export function refuseDoctype(text: string): ParseIssue | null {
  const match = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (!match) return null;
  return camtIssue(
    'CAMT.DOCTYPE_FORBIDDEN',
    `<!${match[1]?.toUpperCase()}> declarations are not accepted (no DTDs or entities in camt files)`,
    null,
    { line: lineAt(text, match.index), index: null },
  );
}
