import { Logger } from '@nestjs/common';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Counter, Gauge } from 'prom-client';
import { ScheduledJobEntity } from './scheduled-job.entity';
import type { ScheduledJob } from './scheduled-job';
import { nextDue } from './schedule.rules';

export const schedulingMetrics = {
  runs: new Counter({ name: 'ereceipt_job_runs_total', help: 'Scheduled job runs, by outcome', labelNames: ['job', 'outcome'] }),
  lastSuccess: new Gauge({ name: 'ereceipt_job_last_success_timestamp_seconds', help: 'When each scheduled job last succeeded (Unix time)', labelNames: ['job'] }),
};

/** After a failure the job is retried this much later (or at its interval, if shorter). */
const RETRY_MS = 60_000;

export type JobOutcome = 'ran' | 'failed' | 'not-due' | 'busy';

/**
 * Runs `job` if it is due, once across replicas: the job's row is locked (`for update skip locked`)
 * for the run, so another replica skips it; the row then moves to the next due time. A crash
 * mid-run leaves the row due, so the slot runs again (jobs are idempotent).
 */
export async function runIfDue(em: EntityManager, job: ScheduledJob, now = new Date(), log = new Logger('Scheduler')): Promise<JobOutcome> {
  return em.fork().transactional(async (tx) => {
    await tx.execute(`insert into scheduled_job (name, next_due_at, runs, failures) values (?, ?, 0, 0) on conflict (name) do nothing`, [job.name, nextDue(job.schedule, null, now)]);
    // `for update skip locked`: a replica running this job holds the row; the others skip it.
    const row = await tx.findOne(ScheduledJobEntity, { name: job.name }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
    if (!row) return 'busy';
    if (row.nextDueAt.getTime() > now.getTime()) return 'not-due';
    const due = row.nextDueAt;
    const started = Date.now();
    try {
      await job.run({ due, now });
      const finished = new Date();
      Object.assign(row, { lastDueAt: due, lastRunAt: finished, lastDurationMs: finished.getTime() - started, lastError: null, runs: row.runs + 1, nextDueAt: nextDue(job.schedule, due, finished) });
      schedulingMetrics.runs.inc({ job: job.name, outcome: 'ok' });
      schedulingMetrics.lastSuccess.set({ job: job.name }, finished.getTime() / 1000);
      await tx.flush();
      return 'ran';
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const retryMs = 'everySeconds' in job.schedule ? Math.min(RETRY_MS, job.schedule.everySeconds * 1000) : RETRY_MS;
      log.error({ err: e, job: job.name, due }, `job ${job.name} failed (due ${due.toISOString()}); retrying in ${retryMs / 1000} s: ${message}`);
      Object.assign(row, { lastRunAt: new Date(), lastDurationMs: Date.now() - started, lastError: message.slice(0, 2000), failures: row.failures + 1, nextDueAt: new Date(Date.now() + retryMs) });
      schedulingMetrics.runs.inc({ job: job.name, outcome: 'error' });
      await tx.flush();
      return 'failed';
    }
  });
}
