import { Migration } from '@mikro-orm/migrations';

/**
 * libs/sellers and libs/orders (generated, plus the two sequences by hand): `collection_account_seq`
 * numbers virtual accounts (VA + 88 + 8 digits + Luhn digit), `order_number_seq` order numbers (EO-YYYY-NNNNNN).
 */
export class Migration20261127034404 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "collection_account" ("id" uuid not null, "seller_id" uuid not null, "currency" varchar(3) not null, "account_number" varchar(34) not null, "beneficiary_name" text not null, "bank_name" text not null, "bic" varchar(11) not null, "created_at" timestamptz not null, constraint "collection_account_pkey" primary key ("id"));`);
    this.addSql(`alter table "collection_account" add constraint "collection_account_seller_currency_uq" unique ("seller_id", "currency");`);
    this.addSql(`alter table "collection_account" add constraint "collection_account_number_uq" unique ("account_number");`);

    this.addSql(`create table "ereceipt_order" ("id" uuid not null, "order_no" varchar(32) not null, "seller_id" uuid not null, "external_order_id" varchar(100) null, "buyer_name" text not null, "buyer_email" text not null, "buyer_country" varchar(2) not null, "currency" varchar(3) not null, "total" numeric not null, "paid_amount" numeric not null, "lines" jsonb not null, "milestones" jsonb not null, "incoterm" varchar(3) not null, "expected_ship_date" date not null, "export_method" text check ("export_method" in ('SELF_EXPORT', 'ONE_STOP_EXPORT')) not null, "lifecycle_status" text check ("lifecycle_status" in ('DRAFT', 'SUBMITTED', 'CONFIRMED', 'COMPLETED', 'CANCELLED')) not null, "payment_status" text check ("payment_status" in ('UNPAID', 'PARTLY_PAID', 'PAID')) not null, "fulfilment_status" text check ("fulfilment_status" in ('NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED')) not null, "cancel_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "cancelled_at" timestamptz null, constraint "ereceipt_order_pkey" primary key ("id"));`);
    this.addSql(`create index "order_seller_created_idx" on "ereceipt_order" ("seller_id", "created_at");`);
    this.addSql(`alter table "ereceipt_order" add constraint "order_seller_external_id_uq" unique ("seller_id", "external_order_id");`);
    this.addSql(`alter table "ereceipt_order" add constraint "order_order_no_uq" unique ("order_no");`);

    this.addSql(`create table "seller" ("id" uuid not null, "legal_name" text not null, "customs_code" varchar(10) not null, "trade_mode" varchar(4) not null, "settlement_currency" varchar(3) not null, "currencies" jsonb not null, "contact_email" text not null, "status" text check ("status" in ('PENDING', 'APPROVED', 'REJECTED')) not null, "rejection_reason" text null, "applied_at" timestamptz not null, "decided_at" timestamptz null, constraint "seller_pkey" primary key ("id"));`);
    this.addSql(`create index "seller_status_idx" on "seller" ("status");`);

    this.addSql(`create sequence "collection_account_seq" minvalue 1 maxvalue 99999999 no cycle;`);
    this.addSql(`create sequence "order_number_seq" minvalue 1 no cycle;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "collection_account" cascade;`);

    this.addSql(`drop table if exists "ereceipt_order" cascade;`);

    this.addSql(`drop table if exists "seller" cascade;`);

    this.addSql(`drop sequence if exists "collection_account_seq";`);
    this.addSql(`drop sequence if exists "order_number_seq";`);
  }

}
