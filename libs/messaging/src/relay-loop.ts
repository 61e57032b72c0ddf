import type { Logger, BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { HubRole } from '@ereceipt/config';
import type { LeaderSession } from './leader-session';

const RECONNECT_PAUSE_MS = 2000;

/**
 * The lifecycle both relays share around a `LeaderSession`: start with the `relay` role, call
 * `runOnce()` while running (it leads or stands by, does one pass and sleeps on the session, which
 * LISTEN/NOTIFY wakes), and after a failure close the session, pause and go again. On shutdown:
 * stop, wake the sleeping loop, await it, then `afterStop()`.
 */
export abstract class RelayLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected running = false;
  private loop: Promise<void> | null = null;

  protected constructor(
    protected readonly session: LeaderSession,
    private readonly roles: ReadonlySet<HubRole>,
    protected readonly log: Logger,
    /** Names the relay in the "…, reconnecting" warning. */
    private readonly errorLabel: string,
  ) {}

  get isLeader(): boolean {
    return this.session.isLeader;
  }

  get lastError(): string | null {
    return this.session.lastError;
  }

  onApplicationBootstrap(): void {
    if (!this.roles.has('relay')) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.session.wake();
    await this.loop;
    await this.afterStop();
  }

  /** One pass, sleeping on the session when there is nothing (more) to do. Throws to reconnect. */
  protected abstract runOnce(): Promise<void>;

  /** Releases what a failed pass leaves behind (besides the session, which the loop closes). */
  protected async afterFailure(): Promise<void> {}

  /** Runs once the loop has ended at shutdown. */
  protected async afterStop(): Promise<void> {}

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.runOnce();
      } catch (e) {
        this.session.lastError = e instanceof Error ? e.message : String(e);
        this.log.warn({ err: e }, `${this.errorLabel} error, reconnecting: ${this.session.lastError}`);
        await this.afterFailure();
        await this.session.close();
        await this.session.sleep(RECONNECT_PAUSE_MS);
      }
    }
  }
}
