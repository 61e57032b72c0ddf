import { loadProfile } from '@connectors/bank-csv';
import { type ChunkResult, packPieces } from './pack-chunks';

const LF = 0x0a;

/** Whole records (a quoted cell may hold line breaks), each with its line ending. */
function records(bytes: Buffer, quote: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === quote) quoted = !quoted;
    else if (b === LF && !quoted) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function isBlank(record: Buffer): boolean {
  return record.toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trim() === '';
}

/**
 * Splits a CSV into chunks of whole rows, each starting with the header row. Profiles with preamble
 * lines to skip or a fixed number of footer lines are refused: every chunk would lose rows to them.
 */
export function csvChunks(bytes: Buffer, profileName: string, max: number): ChunkResult {
  const loaded = loadProfile(profileName);
  if (!loaded.ok) return { ok: false, reason: loaded.issue.message };
  const { profile } = loaded;
  if (profile.skipLines > 0 || profile.footer.lines > 0) {
    return { ok: false, reason: `the file is over the ${max}-byte Kafka limit and profile "${profile.name}" has preamble or footer lines, so it cannot be split safely; send it with POST /api/v1/bank-files instead` };
  }
  const all = records(bytes, profile.quote.charCodeAt(0));
  const headerAt = all.findIndex((r) => !isBlank(r));
  if (headerAt < 0) return { ok: false, reason: 'the file has no header row' };
  let header = Buffer.concat(all.slice(0, headerAt + 1));
  if (header[header.length - 1] !== LF) header = Buffer.concat([header, Buffer.from('\n')]);
  const rows = all.slice(headerAt + 1).filter((r) => !isBlank(r));
  const last = rows.at(-1);
  if (last && last[last.length - 1] !== LF) rows[rows.length - 1] = Buffer.concat([last, Buffer.from('\n')]);
  return packPieces(rows, max, header);
}
