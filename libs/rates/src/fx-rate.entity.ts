import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One published FX rate (`bank.fx-rates`): 1 `base` = `rate` `quote` from `validFrom` on, until a
 * later publication for the pair. The same pair, instant and source again is a correction and
 * replaces the rate (the row keeps when it was last received).
 */
@Entity({ tableName: 'fx_rate' })
@Unique({ name: 'fx_rate_pair_valid_from_source_uq', properties: ['base', 'quote', 'validFrom', 'source'] })
@Index({ name: 'fx_rate_pair_valid_from_idx', properties: ['base', 'quote', 'validFrom'] })
export class FxRateEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'string', length: 3 }) base!: string;
  @Property({ type: 'string', length: 3 }) quote!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) rate!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) validFrom!: Date;
  @Property({ type: 'string', length: 100 }) source!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) receivedAt!: Date;
  @Property({ type: 'bigint', nullable: true }) inboundMessageId!: string | null;
}
