export * from './job-registry';
export * from './job-runner';
export * from './schedule.rules';
export * from './scheduled-job';
export * from './scheduled-job.entity';
export * from './scheduler.service';
export * from './scheduling.module';
