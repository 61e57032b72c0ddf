import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobRegistry } from '@ereceipt/scheduling';
import { ReportAggregates } from './report-aggregates';

export const REPORT_AGGREGATES_JOB = 'reports.aggregates-catch-up';

/**
 * Every 5 seconds: the remittances queued since (by the triggers of Migration20261207200000) are
 * classified again and the report's aggregates moved by the difference. Idempotent: a run with an
 * empty queue does nothing. A report never waits for it (it corrects for the queue itself); the job
 * only keeps that correction small.
 */
@Injectable()
export class ReportAggregatesJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: REPORT_AGGREGATES_JOB, schedule: { everySeconds: 5 }, run: async () => void (await this.catchUp()) });
  }

  catchUp(): Promise<number> {
    return new ReportAggregates(this.orm.em.fork()).catchUp();
  }
}
