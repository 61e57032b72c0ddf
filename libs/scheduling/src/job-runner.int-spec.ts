import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { runIfDue } from './job-runner';
import type { JobContext, ScheduledJob } from './scheduled-job';
import { ScheduledJobEntity } from './scheduled-job.entity';

const at = (iso: string) => new Date(iso);
const quiet = { error: () => undefined } as never;

/** The job runner on real PostgreSQL: one run per due slot across concurrent runners, failures retried. */
describe('scheduled jobs (PostgreSQL)', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    const db = await freshDatabase('scheduling');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 6 }, [ScheduledJobEntity]));
  });

  afterAll(async () => orm?.close());

  const row = (name: string) => orm.em.fork().findOneOrFail(ScheduledJobEntity, { name });

  it('an interval job runs at once, then not again until its next slot', async () => {
    const runs: JobContext[] = [];
    const job: ScheduledJob = { name: 'interval', schedule: { everySeconds: 60 }, run: async (ctx) => void runs.push(ctx) };
    const now = new Date();
    expect(await runIfDue(orm.em, job, now)).toBe('ran');
    expect(await runIfDue(orm.em, job, new Date(now.getTime() + 1000))).toBe('not-due');
    expect(runs).toHaveLength(1);
    const r = await row('interval');
    expect(r).toMatchObject({ runs: 1, failures: 0, lastError: null, lastDueAt: runs[0].due });
    expect(r.nextDueAt.getTime()).toBe(runs[0].due.getTime() + 60_000);
  });

  it('five runners racing for the same due slot: the job runs exactly once', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'race',
      schedule: { everySeconds: 3600 },
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 200));
      },
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runIfDue(orm.em, job)));
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'ran' || o === 'busy' || o === 'not-due')).toBe(true);
  });

  it('a failing run keeps the slot, records the error and is retried; success clears it', async () => {
    let fail = true;
    const dues: Date[] = [];
    const job: ScheduledJob = {
      name: 'flaky',
      schedule: { dailyAt: '02:30', timeZone: 'UTC' },
      run: async ({ due }) => {
        dues.push(due);
        if (fail) throw new Error('rates feed not reachable');
      },
    };
    expect(await runIfDue(orm.em, job, at('2026-11-27T01:00:00Z'), quiet)).toBe('not-due');
    expect((await row('flaky')).nextDueAt).toEqual(at('2026-11-27T02:30:00Z'));
    expect(await runIfDue(orm.em, job, at('2026-11-27T02:30:00Z'), quiet)).toBe('failed');
    expect(await row('flaky')).toMatchObject({ failures: 1, runs: 0, lastError: 'rates feed not reachable', lastDueAt: null });
    fail = false;
    // The retry is due a minute after the failure (wall clock); ask as if that time had come.
    const retryAt = (await row('flaky')).nextDueAt;
    expect(await runIfDue(orm.em, job, retryAt)).toBe('ran');
    expect(dues).toEqual([at('2026-11-27T02:30:00Z'), retryAt]);
    expect(await row('flaky')).toMatchObject({ runs: 1, lastError: null });
  });
});
