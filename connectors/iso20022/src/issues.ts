import type { ParseIssue } from '@ereceipt/contracts';

/** Every issue code this connector emits (`AREA.REASON`, docs/conventions.md §6). */
export const camtIssueCodes = [
  // Whole input unusable.
  'CAMT.INPUT_TOO_LARGE',
  'CAMT.BAD_ENCODING',
  'CAMT.DOCTYPE_FORBIDDEN',
  'CAMT.MALFORMED_XML',
  'CAMT.NOT_CAMT',
  'CAMT.UNSUPPORTED_VERSION',
  // A bug in this connector, reported as data rather than thrown.
  'CAMT.INTERNAL_ERROR',
  // One transaction (or entry) rejected.
  'CAMT.MISSING_AMOUNT',
  'CAMT.BAD_AMOUNT',
  'CAMT.MISSING_CURRENCY',
  'CAMT.UNKNOWN_CURRENCY',
  'CAMT.TOO_MANY_DECIMALS',
  'CAMT.BAD_CREDIT_DEBIT',
  'CAMT.BAD_STATUS',
  'CAMT.MISSING_VALUE_DATE',
  'CAMT.BAD_DATE',
  'CAMT.MISSING_REFERENCE',
  'CAMT.SCHEMA_VIOLATION',
] as const;
export type CamtIssueCode = (typeof camtIssueCodes)[number];

/**
 * Irregularities (issue 21): the transaction is booked money and is kept, flagged with these
 * codes, and sent to review instead of an automatic association. None changes who paid how much
 * to whom: the booked amount, currency, value date and account are read.
 */
export const camtIrregularityCodes = [
  /** `Refs/UETR` is not a UUID v4: the UETR is left out (null). */
  'CAMT.BAD_UETR',
  /** `AmtDtls/InstdAmt/Amt` unreadable: the instructed amount is left out. */
  'CAMT.BAD_INSTRUCTED_AMOUNT',
  /** A charge record's amount unreadable: that charge is left out. */
  'CAMT.BAD_CHARGE_AMOUNT',
  /** Σ TxDtls amounts of a batch entry ≠ `Ntry/Amt`, and the entry's charges do not explain it. */
  'CAMT.TX_SUM_MISMATCH',
] as const;
export type CamtIrregularityCode = (typeof camtIrregularityCodes)[number];

export interface IssueAt {
  line: number | null;
  index: number | null;
}

export function camtIssue(code: CamtIssueCode, message: string, field: string | null, at: IssueAt): ParseIssue {
  return { code, message, line: at.line, field, index: at.index };
}
