import type { ParseIssue, SkippedEntry, SourceLocation, CanonicalRemittance } from '@ereceipt/contracts';

/** Every issue code this connector emits (`AREA.REASON`, docs/conventions.md §6). */
export const csvIssueCodes = [
  // Whole input unusable: the stream stops.
  'CSV.UNKNOWN_PROFILE', 'CSV.BAD_PROFILE', 'CSV.NO_HEADER', 'CSV.MISSING_COLUMN', 'CSV.DUPLICATE_COLUMN',
  'CSV.TOO_MANY_FIELDS', 'CSV.UNCLOSED_QUOTE', 'CSV.ROW_TOO_LONG', 'CSV.MALFORMED',
  // One row rejected; the other rows go on.
  'CSV.RAGGED_ROW', 'CSV.BAD_ENCODING', 'CSV.MISSING_DATE', 'CSV.BAD_DATE', 'CSV.MISSING_AMOUNT', 'CSV.BAD_AMOUNT',
  'CSV.TOO_MANY_DECIMALS', 'CSV.MISSING_CURRENCY', 'CSV.BAD_CURRENCY', 'CSV.BAD_DRCR', 'CSV.BAD_UETR',
  'CSV.BAD_CHARGE_BEARER', 'CSV.INVALID_RECORD',
] as const;
export type CsvIssueCode = (typeof csvIssueCodes)[number];

/**
 * Codes that flag a kept row instead of rejecting it (issue 21): an unreadable UETR, charge
 * bearer, instructed amount or instructed currency (the value is left out). The same codes reject
 * a row when they concern the booked amount or currency (field `amount`, `currency`).
 */
export const csvIrregularityCodes: readonly CsvIssueCode[] = ['CSV.BAD_UETR', 'CSV.BAD_CHARGE_BEARER', 'CSV.BAD_AMOUNT', 'CSV.TOO_MANY_DECIMALS', 'CSV.BAD_CURRENCY'];

export interface CsvIssue extends ParseIssue {
  code: CsvIssueCode;
}

/** What `parseCsvStream` yields, in input order. */
export type CsvEvent =
  | { type: 'remittance'; remittance: CanonicalRemittance; location: SourceLocation }
  /** `unusable` issues end the stream: the input as a whole cannot be read (any rows already yielded stand). */
  | { type: 'issue'; issue: CsvIssue; unusable: boolean }
  | { type: 'skipped'; skipped: SkippedEntry };

export function issueEvent(code: CsvIssueCode, message: string, at: { line?: number | null; field?: string | null; index?: number | null } = {}, unusable = false): CsvEvent {
  return { type: 'issue', unusable, issue: { code, message, line: at.line ?? null, field: at.field ?? null, index: at.index ?? null } };
}
