import type { Discrepancy, FundsSection, ReportFilter } from './reconciliation-report';

/**
 * What the report needs from the funds ledger (libs/funds), as a port: the ledger module provides
 * `FUNDS_REPORT_SOURCE` (so reports never imports funds and funds never imports reports). Without
 * it the funds section says it is not available, and the rest of the report is complete.
 */
export interface FundsReportSource {
  /** Ledger proof per seller, currency and account over the period, FX settled, withdrawals and refunds; amounts per currency. */
  section(filter: ReportFilter): Promise<Omit<FundsSection, 'available' | 'note'>>;
  /** Entries that break the proof (unbalanced entries, balances that do not follow from the entries). */
  discrepancies(filter: ReportFilter): Promise<Discrepancy[]>;
}

export const FUNDS_REPORT_SOURCE = Symbol('FUNDS_REPORT_SOURCE');

export const NO_FUNDS: FundsSection = {
  available: false,
  note: 'no funds ledger in this hub yet (libs/funds): ledger proof, FX settled, withdrawals and refunds appear once it provides FUNDS_REPORT_SOURCE',
  ledgerProof: [],
  fxSettled: [],
  withdrawals: [],
  refunds: [],
};
