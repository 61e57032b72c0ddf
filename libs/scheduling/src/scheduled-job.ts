/**
 * A job the hub runs on a schedule (role `schedulers`). Each run happens once per due time across
 * all replicas (a row lock on `scheduled_job`), and is retried after a failure, so `run` must be
 * idempotent: running it twice for the same `due` changes nothing the second time.
 */
export type JobSchedule =
  /** Every n seconds, counted from the previous due time (no drift, no pile-up after downtime). */
  | { everySeconds: number }
  /** Once a day at HH:MM in an IANA time zone, e.g. `{ dailyAt: '02:30', timeZone: 'UTC' }`. */
  | { dailyAt: string; timeZone: string };

export interface JobContext {
  /** The slot this run is for (what was due), not the wall clock. */
  due: Date;
  /** The wall clock when the run started. */
  now: Date;
}

export interface ScheduledJob {
  /** Unique and stable: the key of its `scheduled_job` row. E.g. `fulfillment.ship-date-deadline`. */
  name: string;
  schedule: JobSchedule;
  run(ctx: JobContext): Promise<void>;
}
