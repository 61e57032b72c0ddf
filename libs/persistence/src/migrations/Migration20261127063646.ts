import { Migration } from '@mikro-orm/migrations';

/** Funds (issue 7): the refund portal: refunds (one OPEN or ACCEPTED per order) and the messages of both sides. */
export class Migration20261127063646 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "refund" ("id" uuid not null, "seller_id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "currency" varchar(3) not null, "amount" numeric not null, "reason" text not null, "status" text check ("status" in ('OPEN', 'REJECTED', 'ACCEPTED', 'COMPLETED', 'FAILED')) not null, "opened_by" varchar(10) not null, "opened_by_actor" text not null, "opened_at" timestamptz not null, "decided_by" text null, "decided_at" timestamptz null, "decision_note" text null, "result_at" timestamptz null, "bank_ref" varchar(64) null, "failure_reason" text null, constraint "refund_pkey" primary key ("id"), constraint refund_amount_positive check (amount > 0));`);
    this.addSql(`create index "refund_order_idx" on "refund" ("order_no");`);
    this.addSql(`create unique index "refund_one_open_uq" on "refund" ("order_no") where "status" in ('OPEN', 'ACCEPTED');`);

    this.addSql(`create table "refund_message" ("id" uuid not null, "refund_id" uuid not null, "side" varchar(10) not null, "author" text not null, "body" text not null, "created_at" timestamptz not null, constraint "refund_message_pkey" primary key ("id"));`);
    this.addSql(`create index "refund_message_refund_idx" on "refund_message" ("refund_id", "created_at");`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "refund" cascade;`);

    this.addSql(`drop table if exists "refund_message" cascade;`);

  }

}
