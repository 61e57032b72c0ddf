/**
 * The reconciliation report (docs/domain.md §7, issue 9). Amounts are decimal strings with the
 * currency's minor digits; every amount sits next to its currency and is never summed across
 * currencies. Counts may be summed (they are in `totals`).
 */
export interface ReportFilter {
  /** Inclusive period of `received_at`, UTC days `YYYY-MM-DD`. */
  from: string;
  to: string;
  sellerId: string | null;
  currency: string | null;
  /** Prefix of the sending bank's BIC (field `senderBic`), e.g. `BANKCNSH` or `BANK`. */
  bank: string | null;
}

export interface CountAmount {
  count: number;
  amount: string;
}

export const remittanceCategories = ['associatedAuto', 'associatedManual', 'underReview', 'suggested', 'unmatched', 'followUp', 'returned', 'identityConflict', 'inconsistent'] as const;
export type RemittanceCategory = (typeof remittanceCategories)[number];

export const agingBuckets = ['0-2', '3-7', '8-30', '>30'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** One currency's block: everything in it is in `currency`. */
export interface CurrencySection {
  currency: string;
  received: CountAmount;
  /** Each original remittance of the period is in exactly one category (its state at `generatedAt`). */
  byCategory: Record<RemittanceCategory, CountAmount>;
  /** Live associations flagged UNDERPAID (a milestone left partly paid), OVERPAID (credit kept), and remittances that left an order part paid. */
  underpaid: CountAmount;
  overpaid: CountAmount;
  partial: CountAmount;
  /** Shortfalls accepted as bank charges on live associations (sum of allocations' `bankCharges`). */
  bankChargesAbsorbed: CountAmount;
  duplicates: CountAmount;
  /** Originals stored from a bank message that broke a network or format rule (issue 21); also counted in their category. */
  irregular: CountAmount;
  aging: Record<AgingBucket, CountAmount>;
  kpis: MatchRateKpis;
}

export interface MatchRateKpis {
  /** Originals that the engine associated (AUTO association created, any later fate) ÷ originals received. null when nothing was received. */
  autoRateByCount: string | null;
  /** The same by amount (in this currency). */
  autoRateByAmount: string | null;
  autoAssociated: CountAmount;
  /** AUTO associations later unbound by a person or rejected by finance ÷ AUTO associations. */
  wrongAutoRate: string | null;
  wrongAuto: { unbound: number; rejected: number };
}

export interface DailyPoint {
  day: string;
  currency: string;
  received: CountAmount;
  associated: CountAmount;
}

export interface DiscrepancyRecord {
  type: 'remittance' | 'association' | 'allocation' | 'ledger-entry' | 'withdrawal' | 'refund';
  id: string;
  detail: string;
}

export interface Discrepancy {
  code: string;
  currency: string | null;
  message: string;
  records: DiscrepancyRecord[];
}

export interface LedgerProofLine {
  sellerId: string | null;
  currency: string;
  account: string;
  opening: string;
  movements: string;
  closing: string;
  /** opening + movements = closing, recomputed from the entries. */
  proven: boolean;
}

export interface FundsSection {
  available: boolean;
  /** Why it is not available (no funds ledger in this hub yet). */
  note: string | null;
  ledgerProof: LedgerProofLine[];
  fxSettled: Array<CountAmount & { currency: string; settlementCurrency: string; settledAmount: string }>;
  withdrawals: Array<{ currency: string; requested: CountAmount; completed: CountAmount; failed: CountAmount }>;
  refunds: Array<{ currency: string; requested: CountAmount; completed: CountAmount }>;
}

export interface ReconciliationReport {
  filter: ReportFilter;
  generatedAt: string;
  /** Ages of unmatched remittances are counted to this instant (the end of `to`, or now if earlier). */
  asOf: string;
  totals: { received: number; associated: number; unmatched: number; suggested: number; discrepancies: number };
  currencies: CurrencySection[];
  daily: DailyPoint[];
  funds: FundsSection;
  discrepancies: Discrepancy[];
  /** Remittances waiting (unmatched, suggested, under review, follow-up) with their age, oldest first; capped at `exceptionsLimit`. */
  exceptions: ExceptionRow[];
  exceptionsTotal: number;
}

export interface ExceptionRow {
  remittanceId: string;
  messageRef: string;
  receivedAt: string;
  valueDate: string;
  currency: string;
  amount: string;
  payerName: string | null;
  sellerId: string | null;
  status: string;
  category: RemittanceCategory;
  reason: string | null;
  ageDays: number;
}
