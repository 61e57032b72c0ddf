import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { MatchingDecision, MatchingOutcome } from './domain';

/** The last decision of the engine on a remittance, with its candidates (what a reviewer sees). */
@Entity({ tableName: 'match_decision' })
@Index({ name: 'match_decision_outcome_idx', properties: ['outcome', 'decidedAt'] })
export class MatchDecisionEntity {
  @PrimaryKey({ type: 'uuid' }) remittanceId!: string;
  @Enum({ items: ['AUTO', 'SUGGEST', 'NONE'], type: 'string' }) outcome!: MatchingOutcome;
  @Property({ type: 'string' }) reason!: string;
  @Property({ type: 'string' }) ruleVersion!: string;
  @Property({ type: 'json' }) decision!: MatchingDecision;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) decidedAt!: Date;
}
