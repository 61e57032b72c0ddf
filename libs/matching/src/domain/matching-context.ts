/**
 * What the engine needs besides the remittance. Everything is a plain value: amounts are decimal
 * strings with the currency's minor digits, dates are `YYYY-MM-DD` strings. The caller (the use
 * case) loads it; the engine never does I/O.
 */
export type MilestoneKind = 'DEPOSIT' | 'BALANCE';

export interface CandidateMilestone {
  kind: MilestoneKind;
  amount: string;
  /** Already associated to this milestone; `amount - paidAmount` is still due. */
  paidAmount: string;
  dueDate: string;
  preShipment: boolean;
}

export interface CandidateBuyer {
  /** Stable identity of the buyer within the seller (e.g. its id); known payer accounts point to it. */
  key: string;
  name: string;
}

export interface CandidateOrder {
  orderNo: string;
  sellerId: string;
  buyer: CandidateBuyer;
  currency: string;
  /** Milestones in payment order (deposit first, then balance). Fully paid ones are ignored. */
  milestones: CandidateMilestone[];
  createdDate: string;
  expectedShipDate: string | null;
}

/** A UETR or EndToEndId already associated with an order (an earlier message about the same wire). */
export interface KnownPaymentId {
  orderNo: string;
  uetr: string | null;
  endToEndId: string | null;
}

/** An account a buyer has paid from before (learned from confirmed associations). */
export interface KnownPayerAccount {
  buyerKey: string;
  account: string;
  /**
   * Payer names that a person (finance, or the seller by hand) confirmed as paying for this buyer
   * from this account: aliases, so such a name is no contradiction. Empty or absent: none.
   */
  confirmedNames?: string[];
}

/**
 * Bank charges absorbed on a short payment: the lower of `percent` % of the amount due and
 * `absolute` currency units (docs/domain.md §3: default 1 % or 50 units).
 */
export interface ChargeTolerancePolicy {
  percent: string;
  absolute: string;
}

export const DEFAULT_CHARGE_TOLERANCE: ChargeTolerancePolicy = { percent: '1', absolute: '50' };

/**
 * When a payer name designates a buyer: similarity (0..100) at or above `threshold`, and no other
 * buyer at the threshold or within `tieMargin` points of the best.
 */
export interface NameMatchPolicy {
  threshold: number;
  tieMargin: number;
}

export const DEFAULT_NAME_MATCH: NameMatchPolicy = { threshold: 80, tieMargin: 10 };

export const MATCHING_RULE_VERSION = 'matching-rules/2';

export interface MatchingContext {
  /** Echoed on every decision so a replay can tell which rules produced it. */
  ruleVersion: string;
  /** The seller owning the virtual account the money arrived on, or null when it is not ours. */
  seller: { sellerId: string } | null;
  /** Open orders of that seller (others are ignored), any currency. */
  orders: CandidateOrder[];
  knownPaymentIds: KnownPaymentId[];
  knownPayerAccounts: KnownPayerAccount[];
  /** The seller's policy; null means DEFAULT_CHARGE_TOLERANCE. */
  chargeTolerance: ChargeTolerancePolicy | null;
  /** Null means DEFAULT_NAME_MATCH. */
  names: NameMatchPolicy | null;
}

/** The tunable part of the rules: what a seller's settings or a replay's rules file may change. */
export type MatchingRuleSet = Pick<MatchingContext, 'ruleVersion' | 'chargeTolerance' | 'names'>;

export const DEFAULT_RULE_SET: MatchingRuleSet = { ruleVersion: MATCHING_RULE_VERSION, chargeTolerance: null, names: null };
