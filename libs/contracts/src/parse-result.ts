import type { CanonicalRemittance } from './canonical-remittance';

/**
 * What every connector returns (docs/conventions.md §1): canonical records, or precise issues. Connectors never
 * throw for bad input; the caller decides what a failure means (DLQ, rejected row, exit code).
 */
export interface SourceLocation {
  /** 0-based index of the message (MT), transaction (camt TxDtls) or data row (CSV) in the input. */
  index: number;
  /** 1-based line in the input where that message, transaction or row starts. */
  line: number;
  /** The raw text of that message, transaction or row, as received (kept for provenance). */
  raw: string;
}

export interface ParsedRemittance {
  remittance: CanonicalRemittance;
  location: SourceLocation;
}

export interface ParseIssue {
  /** Stable code `AREA.REASON`, e.g. `MT103.BAD_32A`, `CAMT.MISSING_AMOUNT`, `CSV.BAD_DATE`. */
  code: string;
  message: string;
  /** 1-based line of the offending text, when known. */
  line: number | null;
  /** The field, tag or column, e.g. `:32A:`, `Ntry/Amt`, `value_date`. */
  field: string | null;
  /** 0-based index of the message/transaction/row the issue belongs to; null for the whole input. */
  index: number | null;
}

/** An entry the connector read correctly but that is not a remittance (a debit, a return, a pending entry). */
export interface SkippedEntry {
  reason: string;
  line: number | null;
  index: number | null;
}

export interface ParseOutcome {
  remittances: ParsedRemittance[];
  issues: ParseIssue[];
  skipped: SkippedEntry[];
  /** True when the input as a whole is unusable (not the format, unreadable bytes, over the size limit). */
  unusable: boolean;
}
