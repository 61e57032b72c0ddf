/** The engine's answer; `GET /remittances/{id}` exposes it as `decision` (docs/contract.md). */
export type MatchingOutcome = 'AUTO' | 'SUGGEST' | 'NONE';

export const matchingReasons = [
  'MATCHING.AUTO_ORDER_REF',
  'MATCHING.AUTO_ORDER_REFS',
  'MATCHING.AUTO_PAYMENT_ID',
  'MATCHING.AUTO_AMOUNT_PAYER',
  'MATCHING.AUTO_SUBSET_SUM',
  'MATCHING.THIRD_PARTY_PAYER',
  'MATCHING.PAYER_NAME_MISMATCH',
  'MATCHING.PAYER_ACCOUNT_MISMATCH',
  'MATCHING.UNKNOWN_ORDER_REFERENCE',
  'MATCHING.REFERENCE_TYPO',
  'MATCHING.LIKELY_COINCIDENCE',
  'MATCHING.PAYER_UNKNOWN',
  'MATCHING.AMBIGUOUS_PAYER',
  'MATCHING.AMBIGUOUS_AMOUNT',
  'MATCHING.SUBSET_LIMIT',
  'MATCHING.AMOUNT_MISMATCH',
  'MATCHING.CONFLICTING_SIGNALS',
  'MATCHING.PAID_BEFORE_ORDER',
  'MATCHING.UNKNOWN_VIRTUAL_ACCOUNT',
  'MATCHING.CURRENCY_MISMATCH',
  'MATCHING.NO_CANDIDATE',
  /** The bank message broke a network or format rule (`irregularities`): what would be an AUTO goes to review. */
  'MATCHING.IRREGULAR_MESSAGE',
] as const;
export type MatchingReason = (typeof matchingReasons)[number];

export type MatchingFlag =
  | 'THIRD_PARTY_PAYER'
  | 'BANK_CHARGES'
  | 'CHARGES_EXCEED_TOLERANCE'
  | 'UNDERPAID'
  | 'OVERPAID'
  | 'SUBSET_LIMIT'
  | 'PAID_BEFORE_ORDER';

export type SignalName =
  | 'VIRTUAL_ACCOUNT'
  | 'ORDER_REFERENCE'
  | 'PAYMENT_ID'
  | 'PAYER_ACCOUNT'
  | 'PAYER_NAME'
  | 'AMOUNT'
  | 'VALUE_DATE';

/** One line of the score breakdown: integer points, and why. */
export interface SignalScore {
  signal: SignalName;
  score: number;
  detail: string;
}

/**
 * How the remittance fits an order's open milestones: EXACT (a prefix of the open milestones, deposit
 * first), CHARGES (short by bank charges within tolerance), PARTIAL (less than due), OVERPAID (more than
 * everything due).
 */
export type AmountFitKind = 'EXACT' | 'CHARGES' | 'PARTIAL' | 'OVERPAID';

export interface Allocation {
  orderNo: string;
  amount: string;
}

export interface MatchCandidate {
  orderNo: string;
  /** What would be allocated to this order if a reviewer accepts it. */
  amount: string;
  score: number;
  fit: AmountFitKind;
  signals: SignalScore[];
}

export interface MatchingDecision {
  outcome: MatchingOutcome;
  reason: MatchingReason;
  flags: MatchingFlag[];
  ruleVersion: string;
  /**
   * AUTO only (else empty): sums exactly to the remittance amount. An overpayment stays inside the
   * order's allocation and is named by `credit`; a shortfall absorbed as bank charges is `bankCharges`.
   */
  allocations: Allocation[];
  /** The part of an allocation above everything the order still owed, kept as credit on that order. */
  credit: Allocation | null;
  /** Shortfall accepted as bank charges (the milestones count as paid), null when none. */
  bankCharges: string | null;
  /** The order whose allocation the bank charges were taken off (its milestones still count as paid), null when none. */
  bankChargesOn: string | null;
  /** Ranked best first (score, then order number); for AUTO, the allocated orders. */
  candidates: MatchCandidate[];
  /** Other combinations that fit equally well (ambiguous sums), for the reviewer. */
  alternatives: Allocation[][];
}
