import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MailAttachment } from './entities/mail-outbox.entity';
import type { RenderedMail } from './payment-reminder.mail';

export type MailKind = 'payment-reminder' | 'evaluation-invitation' | 'reconciliation-report';

export interface QueueMail extends RenderedMail {
  kind: MailKind;
  to: string;
  /** Which mail this is, e.g. `payment-reminder:EO-2026-000123:3` (see `mailDedupeKey`). */
  dedupeKey: string;
  attachments?: MailAttachment[];
}

export const MAIL_OUTBOX_CHANNEL = 'mail_outbox';

/** `<kind>:<orderNo>:<n>`: the n-th mail of that kind for that order. */
export function mailDedupeKey(kind: MailKind, orderNo: string, n: number): string {
  return `${kind}:${orderNo}:${n}`;
}

/**
 * Queues e-mails inside the caller's transaction, like `OutboxWriter` for events: nothing is sent
 * from inside a transaction, and the relay only sees committed rows. A second queue with the same
 * dedupe key (a use case re-run after a crash, a double click) does nothing.
 */
export class MailOutboxWriter {
  constructor(private readonly em: EntityManager) {}

  /** Returns the row id and whether this call queued it (false: the dedupe key was already there). */
  async queue(mail: QueueMail): Promise<{ id: string; queued: boolean }> {
    const id = randomUUID();
    const rows = await this.em.execute<Array<{ id: string }>>(
      `insert into mail_outbox (id, kind, to_address, subject, html, text, dedupe_key, attachments, created_at, status, attempts, next_attempt_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), 'PENDING', 0, now())
       on conflict (dedupe_key) do nothing returning id`,
      [id, mail.kind, mail.to, mail.subject, mail.html, mail.text, mail.dedupeKey, mail.attachments?.length ? JSON.stringify(mail.attachments) : null],
    );
    if (rows.length > 0) return { id, queued: true };
    const existing = await this.em.execute<Array<{ id: string }>>(`select id from mail_outbox where dedupe_key = ?`, [mail.dedupeKey]);
    return { id: existing[0].id, queued: false };
  }

  /** Wakes the mail relay as soon as the surrounding transaction commits (LISTEN/NOTIFY). */
  async notifyRelay(): Promise<void> {
    await this.em.execute(`select pg_notify('${MAIL_OUTBOX_CHANNEL}', '')`);
  }
}

/** Injectable factory: a writer bound to the caller's (transactional) EntityManager. */
@Injectable()
export class MailOutboxWriterFactory {
  for(em: EntityManager): MailOutboxWriter {
    return new MailOutboxWriter(em);
  }
}
