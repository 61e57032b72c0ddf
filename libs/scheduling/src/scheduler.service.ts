import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { JobRegistry } from './job-registry';
import { type JobOutcome, runIfDue } from './job-runner';

/** How often the scheduler looks for due jobs. Jobs are minutes to days apart; a second is plenty. */
const TICK_MS = 1000;

/**
 * Runs the registered jobs when the hub has the `schedulers` role. Every replica may run it: the
 * row lock in `runIfDue` makes each due slot run once. Shutdown waits for a running job to finish.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(SchedulerService.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly orm: MikroORM,
    private readonly registry: JobRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.has('schedulers') || this.registry.jobs().length === 0) return;
    this.running = true;
    this.log.log(`scheduling ${this.registry.jobs().map((j) => j.name).join(', ')}`);
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /** Runs one job now if it is due (for `ereceipt jobs run` and tests). */
  async runOnce(name: string, now = new Date()): Promise<JobOutcome> {
    const job = this.registry.get(name);
    if (!job) throw new Error(`no job named ${name}; known: ${this.registry.jobs().map((j) => j.name).join(', ') || 'none'}`);
    return runIfDue(this.orm.em, job, now, this.log);
  }

  private async run(): Promise<void> {
    while (this.running) {
      for (const job of this.registry.jobs()) {
        if (!this.running) break;
        try {
          await runIfDue(this.orm.em, job, new Date(), this.log);
        } catch (e) {
          // The database is away: the slot stays due and is retried on the next tick.
          this.log.warn({ err: e, job: job.name }, `could not check job ${job.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, TICK_MS);
      });
    }
  }
}
