import { Client } from 'pg';

/**
 * A dedicated PostgreSQL session for a relay that runs on every replica: it LISTENs on a channel
 * (commits that queue work wake it), and leads while it holds a session-level advisory lock. A dead
 * leader's session ends and its lock with it, so another replica takes over.
 */
export class LeaderSession {
  private client: Client | null = null;
  private wakeUp: (() => void) | null = null;
  isLeader = false;
  lastError: string | null = null;

  constructor(
    private readonly options: { databaseUrl: string; lockName: string; channel: string; applicationName: string },
  ) {}

  /** The session, connected and listening (connects on first use and after `close`). */
  async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName });
    client.on('error', (e) => {
      this.lastError = e.message;
      this.wake();
    });
    await client.connect();
    client.on('notification', () => this.wake());
    await client.query(`listen ${this.options.channel}`);
    this.client = client;
    return client;
  }

  /** True when this session leads (it already did, or it just took the lock). */
  async tryLead(): Promise<boolean> {
    if (this.isLeader) return true;
    const client = await this.connect();
    const res = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [this.options.lockName]);
    this.isLeader = res.rows[0].ok;
    return this.isLeader;
  }

  /** Ends the session, and with it the leadership. */
  async close(): Promise<void> {
    this.isLeader = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Sleeps until `ms` pass or a notification (or `wake`) arrives. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
