import { Migration } from '@mikro-orm/migrations';

export class Migration20261127052807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "fulfillment_flag" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "kind" varchar(40) not null, "expected_ship_date" date not null, "raised_at" timestamptz not null, "cleared_at" timestamptz null, "cleared_by" text null, constraint "fulfillment_flag_pkey" primary key ("id"));`);
    this.addSql(`alter table "fulfillment_flag" add constraint "fulfillment_flag_order_kind_uq" unique ("order_id", "kind");`);

    this.addSql(`create table "fx_rate" ("id" uuid not null, "base" varchar(3) not null, "quote" varchar(3) not null, "rate" numeric not null, "valid_from" timestamptz not null, "source" varchar(100) not null, "received_at" timestamptz not null, "inbound_message_id" bigint null, constraint "fx_rate_pkey" primary key ("id"));`);
    this.addSql(`create index "fx_rate_pair_valid_from_idx" on "fx_rate" ("base", "quote", "valid_from");`);
    this.addSql(`alter table "fx_rate" add constraint "fx_rate_pair_valid_from_source_uq" unique ("base", "quote", "valid_from", "source");`);

    this.addSql(`create table "receipt_confirmation" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "confirmed_at" timestamptz not null, "source_address" varchar(64) not null, "user_agent" text null, constraint "receipt_confirmation_pkey" primary key ("id"));`);
    this.addSql(`alter table "receipt_confirmation" add constraint "receipt_confirmation_order_uq" unique ("order_id");`);

    this.addSql(`create table "shipment" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "seller_id" uuid not null, "shipment_no" varchar(40) not null, "export_method" varchar(20) not null, "items" jsonb not null, "logistics" jsonb null, "tracking_no" varchar(200) null, "customs" jsonb null, "bill_no" varchar(100) null, "bill_status" varchar(40) null, "declared_value" numeric null, "declared_currency" varchar(3) null, "declared_at" timestamptz null, "status" text check ("status" in ('AWAITING_PICKUP', 'PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED')) not null, "tracking" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "shipment_pkey" primary key ("id"));`);
    this.addSql(`create index "shipment_bill_no_idx" on "shipment" ("bill_no");`);
    this.addSql(`create index "shipment_order_idx" on "shipment" ("order_id");`);
    this.addSql(`alter table "shipment" add constraint "shipment_shipment_no_uq" unique ("shipment_no");`);

    this.addSql(`create table "tracking_event" ("id" uuid not null, "event_id" varchar(200) not null, "order_id" uuid not null, "order_no" varchar(32) not null, "shipment_id" uuid null, "tracking_no" varchar(200) not null, "carrier" varchar(200) not null, "type" varchar(20) not null, "occurred_at" timestamptz not null, "location" text null, "customs" jsonb null, "received_at" timestamptz not null, "inbound_message_id" bigint null, constraint "tracking_event_pkey" primary key ("id"));`);
    this.addSql(`create index "tracking_event_order_idx" on "tracking_event" ("order_id", "occurred_at");`);
    this.addSql(`alter table "tracking_event" add constraint "tracking_event_event_id_uq" unique ("event_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fulfillment_flag" cascade;`);

    this.addSql(`drop table if exists "fx_rate" cascade;`);

    this.addSql(`drop table if exists "receipt_confirmation" cascade;`);

    this.addSql(`drop table if exists "shipment" cascade;`);

    this.addSql(`drop table if exists "tracking_event" cascade;`);
  }

}
