import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A seller's score: the exact integer totals (supplier-score.rules.ts) and the figures derived
 * from them as last published (`numeric` mapped to strings). `version` counts published changes.
 */
@Entity({ tableName: 'supplier_score' })
export class SupplierScoreEntity {
  @PrimaryKey({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'integer' }) evaluationCount!: number;
  @Property({ type: 'integer' }) sumServiceAttitude!: number;
  @Property({ type: 'integer' }) sumDeliverySpeed!: number;
  @Property({ type: 'integer' }) sumDescriptionAccuracy!: number;
  @Property({ type: 'string', columnType: 'date' }) windowAsOf!: string;
  @Property({ type: 'integer' }) windowEvaluations!: number;
  @Property({ type: 'integer' }) windowPositive!: number;
  @Property({ type: 'decimal', columnType: 'numeric(3,2)', nullable: true }) avgServiceAttitude!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(3,2)', nullable: true }) avgDeliverySpeed!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(3,2)', nullable: true }) avgDescriptionAccuracy!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(3,2)', nullable: true }) avgOverall!: string | null;
  @Property({ type: 'decimal', columnType: 'numeric(5,4)', nullable: true }) positiveRate!: string | null;
  @Property({ type: 'integer' }) version!: number;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}
