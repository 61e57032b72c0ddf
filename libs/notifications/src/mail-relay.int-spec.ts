import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase, SmtpCapture } from '@ereceipt/testing';
import { reminderInput } from '../test/payment-reminder.builder';
import { MailOutboxEntity } from './entities/mail-outbox.entity';
import { mailDedupeKey, MailOutboxWriter } from './mail-outbox.writer';
import { MailRelayService } from './mail-relay.service';
import { renderPaymentReminder } from './payment-reminder.mail';

/** The mail outbox on real PostgreSQL, delivered to a real (in-process) SMTP server. */
describe('mail outbox and relay (PostgreSQL + SMTP)', () => {
  let orm: MikroORM;
  let pool: Pool;
  let smtp: SmtpCapture;
  let relay: MailRelayService;
  let other: MailRelayService;

  beforeAll(async () => {
    const db = await freshDatabase('notifications');
    pool = db.pool;
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, [MailOutboxEntity]));
    smtp = await SmtpCapture.start();
    const config = { databaseUrl: db.url, smtp: { url: smtp.url, from: 'e-receipt hub <no-reply@hub.example>' }, roles: new Set<never>(), outbox: { pollMs: 100, batchSize: 100 } };
    relay = new MailRelayService(config);
    other = new MailRelayService(config);
  });

  afterAll(async () => {
    await relay?.close();
    await other?.close();
    await orm?.close();
    await pool?.end();
    await smtp?.close();
  });

  const queueReminder = (orderNo: string, n: number) =>
    orm.em.fork().transactional(async (em) => {
      const writer = new MailOutboxWriter(em);
      const result = await writer.queue({ kind: 'payment-reminder', to: 'buyer@acme.example', dedupeKey: mailDedupeKey('payment-reminder', orderNo, n), ...renderPaymentReminder(reminderInput({ orderNo })) });
      await writer.notifyRelay();
      return result;
    });
  interface Row { status: string; attempts: number; last_error: string | null; next_attempt_at: Date; smtp_message_id: string | null; sent_at: Date | null }
  const row = async (id: string): Promise<Row> => (await pool.query<Row>(`select status, attempts, last_error, next_attempt_at, smtp_message_id, sent_at from mail_outbox where id = $1`, [id])).rows[0];

  it('queues a mail once per dedupe key and delivers it once, HTML and text, with the link and a stable Message-ID', async () => {
    const first = await queueReminder('EO-2026-000123', 1);
    const again = await queueReminder('EO-2026-000123', 1);
    expect(first.queued).toBe(true);
    expect(again).toEqual({ id: first.id, queued: false });

    expect(await relay.sendDue()).toBe(1);
    expect(await relay.sendDue()).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.messageId).toBe(`<${first.id}@hub.example>`);
    expect(mail.subject).toBe('Payment reminder: order EO-2026-000123 from Yiwu Ceramics Co., Ltd.');
    expect(mail.to).toMatchObject({ text: 'buyer@acme.example' });
    expect(mail.text).toContain('https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=abc.def&x=1');
    expect(mail.html).toContain('href="https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=abc.def&amp;x=1"');
    expect(mail.text).toContain('Reference to quote: EO-2026-000123');
    expect(await row(first.id)).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, smtp_message_id: `<${first.id}@hub.example>` });
  });

  it('delivers attachments as they were queued (the daily report XLSX)', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);
    const queued = await orm.em.fork().transactional(async (em) =>
      new MailOutboxWriter(em).queue({ kind: 'reconciliation-report', to: 'finance@hub.example', dedupeKey: 'reconciliation-report:2026-11-26:finance@hub.example', subject: 'Reconciliation', html: '<p>attached</p>', text: 'attached', attachments: [{ filename: 'reconciliation-2026-11-26-2026-11-26.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentBase64: bytes.toString('base64') }] }),
    );
    const before = smtp.mails.length;
    expect(await relay.sendDue()).toBe(1);
    const mail = smtp.mails[before];
    expect(mail.attachments.map((a) => [a.filename, a.contentType, Buffer.compare(a.content, bytes)])).toEqual([['reconciliation-2026-11-26-2026-11-26.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 0]]);
    expect(await row(queued.id)).toMatchObject({ status: 'SENT' });
  });

  it('lets only the leader send: a second relay stands by', async () => {
    await queueReminder('EO-2026-000200', 1);
    expect(await other.sendDue()).toBe(0);
    expect(other.isLeader).toBe(false);
    expect(await relay.sendDue()).toBe(1);
  });

  it('backs off after a 451 and delivers the mail once on the retry (PENDING -> SENT, attempts 2)', async () => {
    smtp.mails.length = 0;
    smtp.rejectNext = 1;
    const { id } = await queueReminder('EO-2026-000300', 1);

    expect(await relay.sendDue()).toBe(1);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1, sent_at: null });
    expect(failed.last_error).toContain('451');
    expect(failed.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await relay.sendDue()).toBe(0); // not due yet
    expect(smtp.mails).toHaveLength(0);

    expect(await relay.sendDue(new Date(Date.now() + 60 * 60_000))).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].messageId).toBe(`<${id}@hub.example>`);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
  });
});
