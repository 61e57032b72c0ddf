import { Migration } from '@mikro-orm/migrations';

/**
 * libs/orders, the ERP feed (issue 4 §3): the last applied version per (seller, external order id),
 * locked while a message for that order is applied, and the log of every `erp.orders` message that
 * reached the use case with its outcome (APPLIED, DUPLICATE, STALE).
 */
export class Migration20261127051512 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "erp_order_state" ("seller_id" uuid not null, "external_order_id" varchar(100) not null, "applied_version" bigint null, "order_no" varchar(32) null, "updated_at" timestamptz not null, constraint "erp_order_state_pkey" primary key ("seller_id", "external_order_id"));`);

    this.addSql(`create table "erp_order_sync" ("id" uuid not null, "seller_id" uuid not null, "external_order_id" varchar(100) not null, "version" bigint not null, "action" varchar(10) not null, "submit" boolean not null, "outcome" text check ("outcome" in ('APPLIED', 'DUPLICATE', 'STALE')) not null, "applied_version" bigint not null, "order_no" varchar(32) null, "detail" text not null, "format" varchar(4) not null, "inbound_message_id" bigint null, "received_at" timestamptz not null, constraint "erp_order_sync_pkey" primary key ("id"));`);
    this.addSql(`create index "erp_order_sync_order_idx" on "erp_order_sync" ("seller_id", "external_order_id", "received_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "erp_order_state" cascade;`);

    this.addSql(`drop table if exists "erp_order_sync" cascade;`);
  }

}
