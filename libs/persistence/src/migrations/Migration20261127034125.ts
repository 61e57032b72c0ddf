import { Migration } from '@mikro-orm/migrations';

/** libs/notifications: the mail outbox (written by hand, matching what MikroORM generates for MailOutboxEntity). */
export class Migration20261127034125 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mail_outbox" ("id" uuid not null, "kind" varchar(255) not null, "to_address" text not null, "subject" text not null, "html" text not null, "text" text not null, "dedupe_key" text not null, "created_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED')) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "sent_at" timestamptz null, "smtp_message_id" text null, "smtp_response" text null, constraint "mail_outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "mail_outbox_due_idx" on "mail_outbox" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(`alter table "mail_outbox" add constraint "mail_outbox_dedupe_key_uq" unique ("dedupe_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_outbox" cascade;`);
  }

}
