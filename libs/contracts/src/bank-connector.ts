import type { ParseOutcome } from './parse-result';

export const bankFileFormats = ['mt103', 'camt054', 'csv'] as const;
export type BankFileFormat = (typeof bankFileFormats)[number];

export interface BankParseOptions {
  /** CSV only: the bank profile name (default `generic`), or a profile object loaded by the caller. */
  profile?: string | Record<string, unknown>;
  /** Name of the file or message, used in issue messages only. */
  sourceName?: string;
}

/**
 * A pure bank connector: bytes in, canonical remittances or precise issues out. No framework,
 * database, broker or file system (checked by dependency-cruiser).
 */
export interface BankConnector {
  format: BankFileFormat;
  /** True when the first bytes (decoded leniently as text) look like this format; used by `--format` guessing. */
  detect(head: string): boolean;
  parse(input: Uint8Array, options?: BankParseOptions): Promise<ParseOutcome>;
}
