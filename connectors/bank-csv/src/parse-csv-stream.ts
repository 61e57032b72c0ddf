import type { CsvProfile } from './csv-profile.schema';
import { issueEvent, type CsvEvent } from './csv-issues';
import { readRecords, type CsvRecord } from './csv-records';
import { decodeText, type DecodeState } from './decode-text';
import { mapHeader } from './header';
import { loadProfile } from './profiles';
import { mapRow, type RowContext } from './row-mapper';
import { trimCell } from './cells';

/** A header wider than this is not a bank export (wrong delimiter, binary data). */
export const MAX_FIELDS = 256;

/**
 * Streams a bank CSV export into events, holding one row (plus the footer look-ahead) at a time so
 * memory stays flat however long the file is. Bad rows become issues and the stream goes on; an
 * unusable input yields one issue with `unusable: true` and ends. Never throws for bad input.
 */
export async function* parseCsvStream(
  chunks: AsyncIterable<Uint8Array>,
  profileInput: string | Record<string, unknown> | CsvProfile = 'generic',
): AsyncGenerator<CsvEvent> {
  const loaded = loadProfile(profileInput);
  if (!loaded.ok) {
    yield { type: 'issue', issue: loaded.issue, unusable: true };
    return;
  }
  const profile = loaded.profile;
  const state: DecodeState = { skippedLines: 0 };
  const footerPattern = profile.footer.pattern === null ? null : new RegExp(profile.footer.pattern, 'u');
  const pending: { record: CsvRecord; index: number }[] = [];
  let ctx: RowContext | null = null;
  let index = 0;

  for await (const event of readRecords(decodeText(chunks, profile, state), profile, state)) {
    if (event.type === 'error') {
      yield issueEvent(event.code, event.message, { line: event.line }, true);
      return;
    }
    const record = event.record;
    if (record.fields.every((f) => trimCell(f) === '')) continue; // blank or delimiter-only line
    if (ctx === null) {
      const header = headerContext(record, profile);
      if ('type' in header) {
        yield header;
        return;
      }
      ctx = header;
      continue;
    }
    if (footerPattern?.test(record.raw)) {
      yield footer(record, index++, 'matches the profile footer pattern');
      continue;
    }
    // Footer by count: hold the last N rows back until we know they are not the end of the file.
    pending.push({ record, index: index++ });
    if (pending.length > profile.footer.lines) {
      const next = pending.shift()!;
      yield* mapRow(next.record, next.index, ctx);
    }
  }
  if (ctx === null) {
    yield issueEvent('CSV.NO_HEADER', `no header row found (profile "${profile.name}" skips ${profile.skipLines} line(s) first)`, {}, true);
    return;
  }
  for (const rest of pending) yield footer(rest.record, rest.index, `is one of the last ${profile.footer.lines} line(s)`);
}

function headerContext(record: CsvRecord, profile: CsvProfile): RowContext | CsvEvent {
  const at = { line: record.line, field: 'header' };
  if (record.fields.length > MAX_FIELDS) {
    return issueEvent('CSV.TOO_MANY_FIELDS', `header has ${record.fields.length} fields, more than ${MAX_FIELDS} (wrong delimiter?)`, at, true);
  }
  const mapped = mapHeader(record.fields, profile);
  if (!mapped.ok) {
    // A header full of U+FFFD usually means the file is not in the profile's encoding.
    const hint = record.raw.includes('\ufffd') ? ` (the header is not valid ${profile.encoding}: wrong profile or encoding?)` : '';
    return issueEvent(mapped.code, mapped.message + hint, at, true);
  }
  return { profile, columns: mapped.index, headerWidth: record.fields.length, emptyValues: new Set(profile.emptyValues) };
}

function footer(record: CsvRecord, index: number, why: string): CsvEvent {
  return { type: 'skipped', skipped: { reason: `footer line: ${why}`, line: record.line, index } };
}
