import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from 'pg';
import { createTransport, type Transporter } from 'nodemailer';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { LeaderSession, RelayLoop } from '@ereceipt/messaging';
import type { MailAttachment } from './entities/mail-outbox.entity';
import { afterFailure, messageIdFor, type SmtpFailure } from './mail-retry.rules';
import { MAIL_OUTBOX_CHANNEL } from './mail-outbox.writer';

interface MailRow {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  attachments: MailAttachment[] | null;
}

const LEADER_LOCK = 'ereceipt-hub:mail-relay';
const BATCH = 50;

/**
 * Delivers `mail_outbox` over SMTP (`SMTP_URL`). Runs with the `relay` role, like the event relay:
 * every replica runs it, the one holding a PostgreSQL advisory lock sends, rows are picked by
 * status and due time. Delivery is at-least-once: SMTP has no exactly-once. Each row is marked
 * SENT right after the server accepts it, so the retry path never sends twice; only a crash (or a
 * lost database connection) between the server's 250 and that update re-sends it, with the same
 * `Message-ID` (derived from the row id), so receivers can recognise the copy.
 */
@Injectable()
export class MailRelayService extends RelayLoop {
  private readonly transport: Transporter;

  constructor(@Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'databaseUrl' | 'smtp' | 'roles' | 'outbox'>) {
    super(
      new LeaderSession({ databaseUrl: config.databaseUrl, lockName: LEADER_LOCK, channel: MAIL_OUTBOX_CHANNEL, applicationName: 'ereceipt-mail-relay' }),
      config.roles,
      new Logger('MailRelay'),
      'mail relay',
    );
    this.transport = createTransport({ url: config.smtp.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  protected async runOnce(): Promise<void> {
    const attempted = await this.sendDue();
    if (attempted < BATCH) await this.session.sleep(this.isLeader ? Math.max(this.config.outbox.pollMs, 1000) : 5000);
  }

  protected override async afterStop(): Promise<void> {
    await this.close();
  }

  /**
   * One pass: becomes leader if it can, then sends every PENDING row due at `now`. Returns the
   * number of rows attempted (0 when another replica leads). The loop calls it; tests drive it.
   */
  async sendDue(now: Date = new Date()): Promise<number> {
    const wasLeader = this.session.isLeader;
    if (!(await this.session.tryLead())) return 0;
    if (!wasLeader) this.log.log('this replica now delivers the mail outbox');
    const client = await this.session.connect();
    const { rows } = await client.query<MailRow>(
      `select id, to_address, subject, html, text, attempts, attachments from mail_outbox
        where status = 'PENDING' and next_attempt_at <= $1 order by next_attempt_at, created_at limit $2`,
      [now, BATCH],
    );
    for (const row of rows) await this.deliver(client, row, now);
    return rows.length;
  }

  /** Ends the database session (and with it the leadership). */
  async close(): Promise<void> {
    await this.session.close();
  }

  private async deliver(client: Client, row: MailRow, now: Date): Promise<void> {
    const messageId = messageIdFor(row.id, this.config.smtp.from);
    let info: { messageId: string; response: string };
    try {
      const attachments = (row.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') }));
      info = (await this.transport.sendMail({ from: this.config.smtp.from, to: row.to_address, subject: row.subject, html: row.html, text: row.text, messageId, attachments })) as { messageId: string; response: string };
    } catch (e) {
      const failure = e as SmtpFailure;
      const message = failure.message ?? String(e);
      const next = afterFailure(row.attempts + 1, failure, now);
      await client.query(`update mail_outbox set status = $2, attempts = attempts + 1, next_attempt_at = $3, last_error = $4 where id = $1 and status = 'PENDING'`, [
        row.id,
        next.status,
        next.status === 'PENDING' ? next.nextAttemptAt : now,
        message,
      ]);
      this.log[next.status === 'FAILED' ? 'error' : 'warn']({ mailId: row.id, attempts: row.attempts + 1 }, `mail not delivered (${next.status}): ${message}`);
      return;
    }
    // Marked in the same step as the server's acceptance: if this update fails, the row stays
    // PENDING and is re-sent later with the same Message-ID (at-least-once, see the class comment).
    await client.query(
      `update mail_outbox set status = 'SENT', attempts = attempts + 1, sent_at = now(), smtp_message_id = $2, smtp_response = $3, last_error = null where id = $1 and status = 'PENDING'`,
      [row.id, info.messageId, info.response],
    );
  }
}
