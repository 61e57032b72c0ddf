import { type ChunkResult, packPieces } from './pack-chunks';

const SOH = 0x01;

/** What may stand between a message and the `{1:` of the next one and belongs to the next (ETX stays behind). */
function movesWithNext(code: number): boolean {
  return code === SOH || code === 0x24 || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x00;
}

/**
 * Cuts a FIN file before each message's basic header `{1:` (never inside a message: `{` is not in
 * the SWIFT X character set), keeping the SOH or `$` framing with the message it opens.
 */
export function mtChunks(bytes: Buffer, max: number): ChunkResult {
  const text = bytes.toString('latin1');
  const cuts: number[] = [0];
  for (let at = text.indexOf('{1:', 1); at > 0; at = text.indexOf('{1:', at + 3)) {
    let cut = at;
    while (cut > cuts[cuts.length - 1] && movesWithNext(text.charCodeAt(cut - 1))) cut--;
    if (cut > cuts[cuts.length - 1]) cuts.push(cut);
  }
  if (cuts.length < 2) return { ok: false, reason: `the file is over the ${max}-byte Kafka limit and holds one message (no second {1: basic header to split at)` };
  const pieces = cuts.map((start, i) => bytes.subarray(start, cuts[i + 1] ?? bytes.length));
  return packPieces(pieces, max);
}
