import * as iconv from 'iconv-lite';
import type { CsvProfile } from './csv-profile.schema';

/** Lines dropped before csv-parse sees the text, so row line numbers can be put back. */
export interface DecodeState {
  skippedLines: number;
}

/** UTF-8 and UTF-16 byte order marks win over the profile's encoding (bank-formats.md §4.2: "detect BOM first"). */
function sniffEncoding(head: Uint8Array, declared: CsvProfile['encoding']): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return declared;
}

async function* withSniffedHead(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  // Hold bytes back until there are enough to see a BOM, however the caller chunked the input.
  let head: Uint8Array = new Uint8Array(0);
  let sniffed = false;
  for await (const chunk of chunks) {
    if (sniffed) {
      yield chunk;
      continue;
    }
    head = concat(head, chunk);
    if (head.length >= 3) {
      sniffed = true;
      yield head;
    }
  }
  if (!sniffed && head.length) yield head;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Bytes to text, streaming: decodes with iconv-lite (the BOM is stripped by its BOM-aware codecs),
 * turns CRLF into LF (so line counting and quoted multi-line remittance info behave the same for
 * Windows exports; a lone CR is left as data), and drops the profile's preamble lines.
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, profile: CsvProfile, state: DecodeState): AsyncGenerator<string> {
  let decoder: iconv.DecoderStream | null = null;
  let pendingCr = false;
  let toSkip = profile.skipLines;

  const emit = (decoded: string, last: boolean): string => {
    let text = (pendingCr ? '\r' : '') + decoded;
    pendingCr = !last && text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    text = text.replace(/\r\n/g, '\n');
    while (toSkip > 0 && text.length) {
      const nl = text.indexOf('\n');
      if (nl < 0) return '';
      text = text.slice(nl + 1);
      toSkip -= 1;
      state.skippedLines += 1;
    }
    return text;
  };

  for await (const chunk of withSniffedHead(chunks)) {
    decoder ??= iconv.getDecoder(sniffEncoding(chunk, profile.encoding));
    const text = emit(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), false);
    if (text) yield text;
  }
  const tail = emit(decoder?.end() ?? '', true);
  if (tail) yield tail;
}
