import { Migration } from '@mikro-orm/migrations';

/**
 * Funds (issue 7): FX settlements (rate, its source and validity, the ledger entry) and, on each
 * withdrawal, the same money in the order's currency (what the goods rule counts; equal to the
 * amount for withdrawals before FX settlement existed).
 */
export class Migration20261127062807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "fx_settlement" ("id" uuid not null, "seller_id" uuid not null, "order_no" varchar(32) not null, "source_currency" varchar(3) not null, "source_amount" numeric not null, "target_currency" varchar(3) not null, "target_amount" numeric not null, "rate" numeric not null, "rate_source" varchar(100) not null, "rate_valid_from" timestamptz not null, "rate_inverted" boolean not null, "entry_id" bigint not null, "settled_at" timestamptz not null, constraint "fx_settlement_pkey" primary key ("id"));`);
    this.addSql(`create index "fx_settlement_order_idx" on "fx_settlement" ("order_no");`);

    this.addSql(`alter table "withdrawal" add column "source_currency" varchar(3) null, add column "source_amount" numeric null;`);
    this.addSql(`update "withdrawal" set "source_currency" = "currency", "source_amount" = "amount";`);
    this.addSql(`alter table "withdrawal" alter column "source_currency" set not null, alter column "source_amount" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fx_settlement" cascade;`);

    this.addSql(`alter table "withdrawal" drop column "source_currency", drop column "source_amount";`);
  }

}
