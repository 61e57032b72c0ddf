import type { BankFileFormat } from '@ereceipt/contracts';
import { csvChunks } from './csv-file-chunks';
import type { ChunkResult } from './pack-chunks';
import { mtChunks } from './mt-file-chunks';

export type { ChunkResult } from './pack-chunks';

/** Kafka's default max message size is ~1 MiB; chunks stay under this, headers and key included. */
export const MAX_CHUNK_BYTES = 900 * 1024;

/**
 * Splits a bank file for Kafka without corrupting it: an MT file into groups of whole messages, a
 * CSV into chunks of whole rows each with the header row; a camt document is one XML document and
 * cannot be split. A file within the limit is always sent as it is.
 */
export function splitBankFile(bytes: Buffer, format: BankFileFormat, options: { profile?: string | undefined; maxBytes?: number } = {}): ChunkResult {
  const max = options.maxBytes ?? MAX_CHUNK_BYTES;
  if (bytes.length <= max) return { ok: true, chunks: [bytes] };
  switch (format) {
    case 'mt103':
      return mtChunks(bytes, max);
    case 'csv':
      return csvChunks(bytes, options.profile ?? 'generic', max);
    case 'camt054':
      return { ok: false, reason: `a camt document of ${bytes.length} bytes is over the ${max}-byte Kafka limit and cannot be split; send it with POST /api/v1/bank-files instead` };
  }
}
