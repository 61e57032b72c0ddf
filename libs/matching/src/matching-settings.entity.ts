import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { ChargeTolerancePolicy } from './domain';
import type { ReviewPolicy } from './review-policy.rules';

/**
 * A seller's matching settings (docs/domain.md §3: "the seller's tolerance", "policy: always, or only
 * when flagged"), kept as a history: a change appends a row effective from then on, so matching
 * uses the latest and a replay the one in force at each decision. No row: the defaults.
 */
@Entity({ tableName: 'matching_settings' })
@Index({ name: 'matching_settings_seller_idx', properties: ['sellerId', 'effectiveAt'] })
export class MatchingSettingsEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) chargeTolerancePercent!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) chargeToleranceAbsolute!: string;
  @Enum({ items: ['ONLY_FLAGGED', 'ALWAYS'], type: 'string' }) reviewPolicy!: ReviewPolicy;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) effectiveAt!: Date;
  @Property({ type: 'text' }) changedBy!: string;
  @Property({ type: 'text', nullable: true }) note!: string | null;
}

/** The settings in force for a seller, as matching reads them. */
export interface SellerMatchingSettings {
  chargeTolerance: ChargeTolerancePolicy;
  reviewPolicy: ReviewPolicy;
  effectiveAt: Date;
  changedBy: string;
  note: string | null;
}
