import { parse, type CsvError, type Info, type Parser } from 'csv-parse';
import type { CsvProfile } from './csv-profile.schema';
import type { DecodeState } from './decode-text';

/** Bounds against a wrong delimiter or a hostile file: one row may not exceed 64 KiB of text. */
export const MAX_ROW_CHARS = 64 * 1024;

export interface CsvRecord {
  fields: string[];
  /** 1-based line in the original input where the record starts (preamble lines included). */
  line: number;
  /** The record's text as received, CRLF normalised to LF, without its line ending. */
  raw: string;
}

export type RecordEvent =
  | { type: 'record'; record: CsvRecord }
  | { type: 'error'; code: 'CSV.UNCLOSED_QUOTE' | 'CSV.ROW_TOO_LONG' | 'CSV.MALFORMED'; message: string; line: number };

interface ParsedRow {
  record: string[];
  raw: string;
  info: Info;
}

/**
 * csv-parse in streaming mode with `info` and `raw`, so a quoted field spanning lines keeps the
 * line numbers right. Records are taken in `on_record` (and filtered out of the readable side),
 * so each `write` is parsed synchronously and rows parsed before a framing error are not lost
 * when the stream errors. Framing errors csv-parse cannot recover from (an unclosed quote
 * swallows the rest of the file; after an over-long row it loses sync) end the stream with one
 * error instead of silently dropping the rows that follow, as `skip_records_with_error` would.
 */
export async function* readRecords(text: AsyncIterable<string>, profile: CsvProfile, state: DecodeState): AsyncGenerator<RecordEvent> {
  const queue: ParsedRow[] = [];
  const parser = parse({
    delimiter: profile.delimiter,
    quote: profile.quote,
    escape: profile.quote,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
    info: true,
    raw: true,
    on_record: (row) => {
      queue.push(row as unknown as ParsedRow);
      return null;
    },
  });
  let failure: unknown = null;
  parser.on('error', (err) => (failure ??= err));
  let lastEnd = 0;
  function* drain(): Generator<RecordEvent> {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const raw = row.raw.replace(/^\n+/, '').replace(/\n$/, '');
      const newlines = raw.split('\n').length - 1;
      lastEnd = row.info.lines;
      yield { type: 'record', record: { fields: row.record, raw, line: row.info.lines - newlines + state.skippedLines } };
    }
  }
  try {
    for await (const piece of text) {
      await new Promise<void>((resolve) => parser.write(piece, () => resolve()));
      yield* drain();
      if (failure) break;
    }
    if (!failure) await ended(parser);
    yield* drain();
  } catch (err) {
    failure ??= err; // the caller's byte source failed
  } finally {
    parser.destroy();
  }
  if (failure) yield framingError(failure, lastEnd + 1 + state.skippedLines);
}

function ended(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    parser.once('finish', resolve);
    parser.once('error', () => resolve());
    parser.end();
  });
}

function framingError(err: unknown, line: number): RecordEvent {
  const code = (err as Partial<CsvError>).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return { type: 'error', code: 'CSV.UNCLOSED_QUOTE', line, message: `a quoted field opened at or after line ${line} is never closed; the rows after it were not read` };
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return { type: 'error', code: 'CSV.ROW_TOO_LONG', line, message: `the row at or after line ${line} exceeds ${MAX_ROW_CHARS} characters (wrong delimiter or quote?); the rows after it were not read` };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { type: 'error', code: 'CSV.MALFORMED', line, message: `the CSV cannot be read past line ${line}: ${detail}` };
}
