import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A buyer's evaluation of one completed order (docs/domain.md §5). One per order (unique on the
 * order), so two submissions racing end in one row and a 409 for the other. The comment and the
 * reply are stored exactly as written; every page and API escapes them when showing them.
 */
@Entity({ tableName: 'evaluation' })
@Unique({ name: 'evaluation_order_uq', properties: ['orderId'] })
@Index({ name: 'evaluation_seller_submitted_idx', properties: ['sellerId', 'submittedAt', 'id'] })
export class EvaluationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'smallint' }) serviceAttitude!: number;
  @Property({ type: 'smallint' }) deliverySpeed!: number;
  @Property({ type: 'smallint' }) descriptionAccuracy!: number;
  @Property({ type: 'text', nullable: true }) comment!: string | null;
  /** When the order completed, as it was when the buyer evaluated (the window started there). */
  @Property({ type: 'datetime', columnType: 'timestamptz' }) completedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) submittedAt!: Date;
  @Property({ type: 'string', length: 64 }) sourceAddress!: string;
  @Property({ type: 'text', nullable: true }) reply: string | null = null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) repliedAt: Date | null = null;
  /** `<role>:<token id>` of the seller's token that replied. */
  @Property({ type: 'string', length: 100, nullable: true }) repliedBy: string | null = null;
}
