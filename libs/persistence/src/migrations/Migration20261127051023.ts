import { Migration } from '@mikro-orm/migrations';

export class Migration20261127051023 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "order_reminder" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "seq" int not null, "trigger" text check ("trigger" in ('SUBMIT', 'RESEND')) not null, "to_address" text not null, "requested_by" text not null, "mail_id" uuid not null, "link_expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "order_reminder_pkey" primary key ("id"));`);
    this.addSql(`create index "order_reminder_order_created_idx" on "order_reminder" ("order_id", "created_at");`);
    this.addSql(`alter table "order_reminder" add constraint "order_reminder_order_seq_uq" unique ("order_id", "seq");`);

    this.addSql(`create table "payment_info_confirmation" ("order_id" uuid not null, "order_no" varchar(32) not null, "confirmed_at" timestamptz not null, "source_address" varchar(64) not null, "forwarded_for" text null, "user_agent" text null, "collection_account" varchar(34) not null, constraint "payment_info_confirmation_pkey" primary key ("order_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "order_reminder" cascade;`);

    this.addSql(`drop table if exists "payment_info_confirmation" cascade;`);
  }

}
