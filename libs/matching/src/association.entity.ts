import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { MatchingFlag, SignalScore } from './domain';

export const associationMethods = ['AUTO', 'MANUAL'] as const;
export type AssociationMethod = (typeof associationMethods)[number];
export const associationStatuses = ['PROPOSED', 'APPROVED', 'REJECTED', 'UNBOUND'] as const;
export type AssociationStatus = (typeof associationStatuses)[number];
/** Associations whose money counts on the orders (PROPOSED waits for finance, but the money is tied). */
export const LIVE_ASSOCIATION_STATUSES: readonly AssociationStatus[] = ['PROPOSED', 'APPROVED'];

export interface AssociationScore {
  orderNo: string;
  score: number;
  signals: SignalScore[];
}

/**
 * Money of one remittance tied to one or more orders of its seller, in its currency (docs/domain.md §3).
 * The payment ids and payer account are copied from the remittance so that "seen before" lookups
 * for the next wire use this table's indexes, not a scan of remittances.
 */
@Entity({ tableName: 'remittance_association' })
@Index({ name: 'remittance_association_remittance_idx', properties: ['remittanceId'] })
@Index({ name: 'remittance_association_uetr_idx', properties: ['sellerId', 'uetr'] })
@Index({ name: 'remittance_association_e2e_idx', properties: ['sellerId', 'endToEndId'] })
@Index({ name: 'remittance_association_payer_account_idx', properties: ['sellerId', 'payerAccount'] })
export class RemittanceAssociationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) remittanceId!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  @Enum({ items: [...associationMethods], type: 'string' }) method!: AssociationMethod;
  @Enum({ items: [...associationStatuses], type: 'string' }) status!: AssociationStatus;
  @Property({ type: 'string', nullable: true }) reason!: string | null;
  @Property({ type: 'json' }) flags!: MatchingFlag[];
  @Property({ type: 'json' }) scores!: AssociationScore[];
  @Property({ type: 'string', nullable: true }) ruleVersion!: string | null;
  @Property({ type: 'text' }) actor!: string;
  @Property({ type: 'uuid', nullable: true }) uetr!: string | null;
  @Property({ type: 'string', nullable: true }) endToEndId!: string | null;
  /** Normalised (upper case, letters and digits only). */
  @Property({ type: 'string', nullable: true }) payerAccount!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Property({ type: 'text', nullable: true }) decisionNote!: string | null;
}

/** One order's share of an association. `settled` = amount + bank charges accepted (what the milestones count). */
@Entity({ tableName: 'association_allocation' })
@Index({ name: 'association_allocation_association_idx', properties: ['associationId'] })
@Index({ name: 'association_allocation_order_idx', properties: ['orderNo'] })
export class AssociationAllocationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) associationId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) bankCharges!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) settled!: string;
}
