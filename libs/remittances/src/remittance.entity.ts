import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Agents, Irregularity, PartyIdentifier, RemittanceSource, TypedReference } from '@ereceipt/contracts';

export const remittanceStatuses = ['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP', 'RETURNED', 'DUPLICATE', 'IDENTITY_CONFLICT'] as const;
export type RemittanceStatus = (typeof remittanceStatuses)[number];

/** Identifying fields beyond the flat columns (issue 21): kept as the connector read them. */
export interface RemittanceDetails {
  payerIdentifier: PartyIdentifier | null;
  typedReferences: TypedReference[];
  agents: Agents;
  instructions: TypedReference[];
}

export interface MoneyValue {
  currency: string;
  amount: string;
}

/**
 * One wire, stored once whatever the channel (MT103, camt.054, CSV, HTTP). A copy of a wire
 * already stored is kept too, linked to the original by `duplicateOf`, never dropped.
 */
@Entity({ tableName: 'remittance' })
@Index({ name: 'remittance_uetr_original_uq', expression: `create unique index "remittance_uetr_original_uq" on "remittance" ("uetr") where "duplicate_of" is null and "conflicts_with" is null and "uetr" is not null` })
@Index({ name: 'remittance_uetr_conflict_idx', expression: `create index "remittance_uetr_conflict_idx" on "remittance" ("uetr") where "conflicts_with" is not null` })
@Index({ name: 'remittance_fingerprint_original_uq', expression: `create unique index "remittance_fingerprint_original_uq" on "remittance" ("fingerprint") where "duplicate_of" is null` })
@Index({ name: 'remittance_e2e_idx', properties: ['endToEndId'] })
@Index({ name: 'remittance_status_received_idx', properties: ['status', 'receivedAt'] })
@Index({ name: 'remittance_beneficiary_account_idx', properties: ['beneficiaryAccount'] })
@Index({ name: 'remittance_message_ref_idx', properties: ['messageRef'] })
export class RemittanceEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: ['mt103', 'mt910', 'camt054', 'camt053', 'csv'], type: 'string' })
  source!: RemittanceSource;

  @Property({ type: 'string' })
  messageRef!: string;

  @Property({ type: 'uuid', nullable: true })
  uetr!: string | null;

  @Property({ type: 'string', nullable: true })
  endToEndId!: string | null;

  @Property({ type: 'string', nullable: true })
  senderBic!: string | null;

  @Property({ type: 'string', columnType: 'date' })
  valueDate!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'decimal', columnType: 'numeric' })
  amount!: string;

  @Property({ type: 'json', nullable: true })
  instructedAmount!: MoneyValue | null;

  @Property({ type: 'string', length: 3, nullable: true })
  chargeBearer!: 'OUR' | 'SHA' | 'BEN' | null;

  @Property({ type: 'json' })
  chargesDeducted!: MoneyValue[];

  @Property({ type: 'text', nullable: true })
  payerName!: string | null;

  @Property({ type: 'string', nullable: true })
  payerAccount!: string | null;

  @Property({ type: 'json' })
  payerAddress!: string[];

  @Property({ type: 'string', nullable: true })
  payerBic!: string | null;

  @Property({ type: 'text', nullable: true })
  beneficiaryName!: string | null;

  @Property({ type: 'string', nullable: true })
  beneficiaryAccount!: string | null;

  @Property({ type: 'text', nullable: true })
  remittanceInfo!: string | null;

  @Property({ type: 'json' })
  references!: string[];

  @Property({ type: 'string', nullable: true })
  relatedReference!: string | null;

  @Property({ type: 'boolean' })
  possibleDuplicate!: boolean;

  /** Rules the sender broke that do not change who paid how much to whom; non-empty: review, never AUTO. */
  @Property({ type: 'json', default: '[]' })
  irregularities!: Irregularity[];

  @Property({ type: 'json', nullable: true })
  details!: RemittanceDetails | null;

  @Property({ type: 'string', length: 64 })
  fingerprint!: string;

  @Property({ type: 'uuid', nullable: true })
  duplicateOf!: string | null;

  /**
   * Issue #16: set on a wire that reuses the UETR of `conflictsWith` (an original) with other money
   * (currency, or an amount the charges do not explain). It is its own remittance, stored
   * IDENTITY_CONFLICT for a person to review; the link stays whatever its status becomes.
   */
  @Property({ type: 'uuid', nullable: true })
  conflictsWith!: string | null;

  /** Why a wire is an identity conflict, or how a copy's money differs from its original's (charges). */
  @Property({ type: 'text', nullable: true })
  identityNote!: string | null;

  /** A copy whose amount differs from its original's: the difference, explained by charges along the chain. */
  @Property({ type: 'json', nullable: true })
  chargesExplained!: MoneyValue | null;

  @Property({ type: 'uuid', nullable: true })
  sellerId!: string | null;

  @Enum({ items: [...remittanceStatuses], type: 'string' })
  status!: RemittanceStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  /** Provenance: the archived inbound message, the position in it, and the raw text of this wire. */
  @Property({ type: 'bigint' })
  inboundMessageId!: string;

  @Property({ type: 'string' })
  channel!: 'kafka' | 'http';

  @Property({ type: 'string', nullable: true })
  fileName!: string | null;

  @Property({ type: 'integer' })
  sourceIndex!: number;

  @Property({ type: 'integer' })
  sourceLine!: number;

  @Property({ type: 'text' })
  raw!: string;
}
