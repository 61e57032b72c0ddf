export type ChunkResult = { ok: true; chunks: Buffer[] } | { ok: false; reason: string };

/** Packs consecutive pieces (whole messages, whole rows) into chunks of at most `max` bytes. */
export function packPieces(pieces: Buffer[], max: number, prefix: Buffer = Buffer.alloc(0)): ChunkResult {
  const chunks: Buffer[] = [];
  let current: Buffer[] = [];
  let size = prefix.length;
  for (const piece of pieces) {
    if (prefix.length + piece.length > max) return { ok: false, reason: `one entry is ${piece.length} bytes, more than a whole Kafka message may hold (${max} bytes)` };
    if (current.length > 0 && size + piece.length > max) {
      chunks.push(Buffer.concat([prefix, ...current]));
      current = [];
      size = prefix.length;
    }
    current.push(piece);
    size += piece.length;
  }
  if (current.length > 0) chunks.push(Buffer.concat([prefix, ...current]));
  return { ok: true, chunks };
}
