import { Global, Module } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { SchedulerService } from './scheduler.service';

/** Scheduled jobs (ship-date deadlines, daily score recompute, the daily finance report). Global: features inject JobRegistry. */
@Global()
@Module({ providers: [JobRegistry, SchedulerService], exports: [JobRegistry, SchedulerService] })
export class SchedulingModule {}
