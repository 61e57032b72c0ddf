import { Check, Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { type AccountKind, accountKinds, type EntryKind, entryKinds } from './ledger.rules';

/**
 * The balance of one ledger account (seller, currency, kind, order or '' for seller-level accounts).
 * A projection of the lines, updated in the same statement batch as the entry and locked by the use
 * cases ("never twice"); the CHECK makes a negative bucket impossible even for a buggy caller.
 * `ereceipt ledger verify` proves it equals the lines.
 */
@Entity({ tableName: 'ledger_account' })
@Unique({ name: 'ledger_account_key_uq', properties: ['sellerId', 'currency', 'kind', 'orderNo'] })
@Check({ name: 'ledger_account_non_negative', expression: `kind in ('BANK', 'FX_CLEARING') or balance >= 0` })
export class LedgerAccountEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Enum({ items: [...accountKinds], type: 'string' }) kind!: AccountKind;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) balance!: string;
}

/** One balanced journal entry. Append-only: a trigger refuses update, delete and truncate; corrections are reversals. */
@Entity({ tableName: 'ledger_entry' })
@Index({ name: 'ledger_entry_association_idx', properties: ['associationId'] })
@Index({ name: 'ledger_entry_withdrawal_idx', properties: ['withdrawalId'] })
@Unique({ name: 'ledger_entry_receipt_uq', expression: `create unique index "ledger_entry_receipt_uq" on "ledger_entry" ("remittance_id") where "kind" = 'RECEIPT'` })
export class LedgerEntryEntity {
  /** Assigned after the accounts are locked, so per account the ids follow the commit order. */
  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Enum({ items: [...entryKinds], type: 'string' }) kind!: EntryKind;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'uuid', nullable: true }) remittanceId!: string | null;
  @Property({ type: 'uuid', nullable: true }) associationId!: string | null;
  @Property({ type: 'uuid', nullable: true }) withdrawalId!: string | null;
  @Property({ type: 'bigint', nullable: true }) reversesEntryId!: string | null;
  @Property({ type: 'text' }) memo!: string;
  @Property({ type: 'text' }) actor!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}

/** One line of an entry: an amount (decimal string, the currency's minor digits) added to one account. */
@Entity({ tableName: 'ledger_line' })
@Index({ name: 'ledger_line_entry_idx', properties: ['entryId'] })
@Index({ name: 'ledger_line_account_idx', properties: ['accountId', 'entryId'] })
export class LedgerLineEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true }) id!: string;
  @Property({ type: 'bigint' }) entryId!: string;
  @Property({ type: 'uuid' }) accountId!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
}

export const withdrawalStatuses = ['REQUESTED', 'COMPLETED', 'FAILED'] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];

/**
 * A withdrawal of an order's credited funds; its id is the bank `instructionId`. At most one
 * REQUESTED per order (partial unique index): with the row lock on the CREDITED account, the same
 * funds can never be sent twice.
 */
@Entity({ tableName: 'withdrawal' })
@Index({ name: 'withdrawal_seller_idx', properties: ['sellerId', 'requestedAt'] })
@Index({ name: 'withdrawal_order_idx', properties: ['orderNo'] })
@Unique({ name: 'withdrawal_one_in_flight_uq', expression: `create unique index "withdrawal_one_in_flight_uq" on "withdrawal" ("order_no") where "status" = 'REQUESTED'` })
@Check({ name: 'withdrawal_amount_positive', expression: 'amount > 0' })
export class WithdrawalEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  /** What is paid out: the seller's settlement currency once the order's funds are FX-settled. */
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  /** The same money in the order's currency: what the goods rule counts. */
  @Property({ type: 'string', length: 3 }) sourceCurrency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) sourceAmount!: string;
  @Enum({ items: [...withdrawalStatuses], type: 'string' }) status!: WithdrawalStatus;
  @Property({ type: 'string', length: 10 }) trigger!: 'MANUAL' | 'AUTO';
  @Property({ type: 'text' }) requestedBy!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) requestedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) resultAt!: Date | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) executedAt!: Date | null;
  @Property({ type: 'string', length: 64, nullable: true }) bankRef!: string | null;
  @Property({ type: 'text', nullable: true }) failureReason!: string | null;
}

/** A seller's funds settings: automatic withdrawal (off by default). */
@Entity({ tableName: 'funds_setting' })
export class FundsSettingEntity {
  @PrimaryKey({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'boolean' }) autoWithdrawal!: boolean;
  @Property({ type: 'text' }) updatedBy!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}

/**
 * Credited funds of an order converted into the seller's settlement currency at the rate in force
 * (libs/rates): which rate, its source and validity, and when. Never a guessed rate: without one
 * nothing is settled and the job tries again.
 */
@Entity({ tableName: 'fx_settlement' })
@Index({ name: 'fx_settlement_order_idx', properties: ['orderNo'] })
export class FxSettlementEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'string', length: 3 }) sourceCurrency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) sourceAmount!: string;
  @Property({ type: 'string', length: 3 }) targetCurrency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) targetAmount!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) rate!: string;
  @Property({ type: 'string', length: 100 }) rateSource!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) rateValidFrom!: Date;
  @Property({ type: 'boolean' }) rateInverted!: boolean;
  @Property({ type: 'bigint' }) entryId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) settledAt!: Date;
  /** Set when an unbind of the order's association reversed the settlement (at its own rate). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) reversedAt!: Date | null;
}

export const refundStatuses = ['OPEN', 'REJECTED', 'ACCEPTED', 'COMPLETED', 'FAILED'] as const;
export type RefundStatus = (typeof refundStatuses)[number];
export type RefundSide = 'BUYER' | 'SELLER';

/**
 * A refund request on an order (docs/domain.md §6): opened by the buyer (signed link) or the seller, up
 * to what is credited and not withdrawn nor refunded; the other side accepts or rejects. ACCEPTED is
 * the bank instruction (its id is the `instructionId`); the result makes it COMPLETED or FAILED.
 * One OPEN or ACCEPTED refund per order (partial unique index); while one is open, withdrawals wait.
 */
@Entity({ tableName: 'refund' })
@Index({ name: 'refund_order_idx', properties: ['orderNo'] })
@Unique({ name: 'refund_one_open_uq', expression: `create unique index "refund_one_open_uq" on "refund" ("order_no") where "status" in ('OPEN', 'ACCEPTED')` })
@Check({ name: 'refund_amount_positive', expression: 'amount > 0' })
export class RefundEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  @Property({ type: 'text' }) reason!: string;
  @Enum({ items: [...refundStatuses], type: 'string' }) status!: RefundStatus;
  @Property({ type: 'string', length: 10 }) openedBy!: RefundSide;
  @Property({ type: 'text' }) openedByActor!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) openedAt!: Date;
  @Property({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Property({ type: 'text', nullable: true }) decisionNote!: string | null;
  /** Four eyes on an acceptance: the finance person who approved first when two were needed, and the one who released it. */
  @Property({ type: 'text', nullable: true }) firstApprovedBy!: string | null;
  @Property({ type: 'text', nullable: true }) approvedBy!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) resultAt!: Date | null;
  @Property({ type: 'string', length: 64, nullable: true }) bankRef!: string | null;
  @Property({ type: 'text', nullable: true }) failureReason!: string | null;
}

/** The two sides negotiating a refund. */
@Entity({ tableName: 'refund_message' })
@Index({ name: 'refund_message_refund_idx', properties: ['refundId', 'createdAt'] })
export class RefundMessageEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) refundId!: string;
  @Property({ type: 'string', length: 10 }) side!: RefundSide;
  @Property({ type: 'text' }) author!: string;
  @Property({ type: 'text' }) body!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}

/**
 * A remittance that could not be associated, returned to its payer less a fee (docs/domain.md §3:
 * FOLLOW_UP funds "can be refunded to the payer"). Its id is the bank `instructionId`; one per
 * remittance that is not FAILED.
 */
@Entity({ tableName: 'remittance_return' })
@Unique({ name: 'remittance_return_live_uq', expression: `create unique index "remittance_return_live_uq" on "remittance_return" ("remittance_id") where "status" <> 'FAILED'` })
export class RemittanceReturnEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) remittanceId!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) fee!: string;
  @Property({ type: 'string', length: 10 }) status!: 'REQUESTED' | 'COMPLETED' | 'FAILED';
  @Property({ type: 'string', length: 32 }) previousStatus!: string;
  @Property({ type: 'text' }) requestedBy!: string;
  /** The second finance person (four eyes); null when the amount was at or below the threshold. */
  @Property({ type: 'text', nullable: true }) approvedBy!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) requestedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) resultAt!: Date | null;
  @Property({ type: 'string', length: 64, nullable: true }) bankRef!: string | null;
  @Property({ type: 'text', nullable: true }) failureReason!: string | null;
}
