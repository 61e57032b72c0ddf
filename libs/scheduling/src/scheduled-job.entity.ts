import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One row per job: when it is next due, and how its last run went (for operators and /metrics). */
@Entity({ tableName: 'scheduled_job' })
export class ScheduledJobEntity {
  @PrimaryKey({ type: 'string', length: 100 }) name!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) nextDueAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) lastDueAt: Date | null = null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) lastRunAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) lastDurationMs: number | null = null;
  @Property({ type: 'text', nullable: true }) lastError: string | null = null;
  @Property({ type: 'integer', default: 0 }) runs = 0;
  @Property({ type: 'integer', default: 0 }) failures = 0;
}
