import { Migration } from '@mikro-orm/migrations';

/**
 * Funds (issue 7): the double-entry ledger (accounts with a non-negative CHECK on every bucket,
 * entries, lines), withdrawals (one REQUESTED per order) and the seller's funds settings; by hand:
 * entries and lines are append-only (a trigger refuses update, delete and truncate).
 */
export class Migration20261127061130 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "funds_setting" ("seller_id" uuid not null, "auto_withdrawal" boolean not null, "updated_by" text not null, "updated_at" timestamptz not null, constraint "funds_setting_pkey" primary key ("seller_id"));`);

    this.addSql(`create table "ledger_account" ("id" uuid not null, "seller_id" uuid not null, "currency" varchar(3) not null, "kind" text check ("kind" in ('BANK', 'UNASSOCIATED', 'UNDER_REVIEW', 'CREDITED', 'WITHDRAWING', 'WITHDRAWN', 'REFUNDED', 'FEES', 'FX_CLEARING')) not null, "order_no" varchar(32) not null, "balance" numeric not null, constraint "ledger_account_pkey" primary key ("id"), constraint ledger_account_non_negative check (kind in ('BANK', 'FX_CLEARING') or balance >= 0));`);
    this.addSql(`alter table "ledger_account" add constraint "ledger_account_key_uq" unique ("seller_id", "currency", "kind", "order_no");`);

    this.addSql(`create table "ledger_entry" ("id" bigserial primary key, "kind" text check ("kind" in ('RECEIPT', 'ASSOCIATION', 'WITHDRAWAL', 'WITHDRAWAL_COMPLETED', 'WITHDRAWAL_FAILED', 'FX_SETTLEMENT', 'REFUND', 'REVERSAL')) not null, "seller_id" uuid not null, "remittance_id" uuid null, "association_id" uuid null, "withdrawal_id" uuid null, "reverses_entry_id" bigint null, "memo" text not null, "actor" text not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "ledger_entry_withdrawal_idx" on "ledger_entry" ("withdrawal_id");`);
    this.addSql(`create index "ledger_entry_association_idx" on "ledger_entry" ("association_id");`);
    this.addSql(`create unique index "ledger_entry_receipt_uq" on "ledger_entry" ("remittance_id") where "kind" = 'RECEIPT';`);

    this.addSql(`create table "ledger_line" ("id" bigserial primary key, "entry_id" bigint not null, "account_id" uuid not null, "amount" numeric not null);`);
    this.addSql(`create index "ledger_line_account_idx" on "ledger_line" ("account_id", "entry_id");`);
    this.addSql(`create index "ledger_line_entry_idx" on "ledger_line" ("entry_id");`);

    this.addSql(`create table "withdrawal" ("id" uuid not null, "seller_id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "currency" varchar(3) not null, "amount" numeric not null, "status" text check ("status" in ('REQUESTED', 'COMPLETED', 'FAILED')) not null, "trigger" varchar(10) not null, "requested_by" text not null, "requested_at" timestamptz not null, "result_at" timestamptz null, "executed_at" timestamptz null, "bank_ref" varchar(64) null, "failure_reason" text null, constraint "withdrawal_pkey" primary key ("id"), constraint withdrawal_amount_positive check (amount > 0));`);
    this.addSql(`create index "withdrawal_order_idx" on "withdrawal" ("order_no");`);
    this.addSql(`create index "withdrawal_seller_idx" on "withdrawal" ("seller_id", "requested_at");`);
    this.addSql(`create unique index "withdrawal_one_in_flight_uq" on "withdrawal" ("order_no") where "status" = 'REQUESTED';`);

    this.addSql(`create or replace function ledger_append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only: corrections are reversals', tg_table_name; end $$;`);
    this.addSql(`create trigger "ledger_entry_append_only" before update or delete on "ledger_entry" for each row execute function ledger_append_only();`);
    this.addSql(`create trigger "ledger_entry_no_truncate" before truncate on "ledger_entry" for each statement execute function ledger_append_only();`);
    this.addSql(`create trigger "ledger_line_append_only" before update or delete on "ledger_line" for each row execute function ledger_append_only();`);
    this.addSql(`create trigger "ledger_line_no_truncate" before truncate on "ledger_line" for each statement execute function ledger_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "funds_setting" cascade;`);

    this.addSql(`drop table if exists "ledger_account" cascade;`);

    this.addSql(`drop table if exists "ledger_entry" cascade;`);

    this.addSql(`drop table if exists "ledger_line" cascade;`);

    this.addSql(`drop table if exists "withdrawal" cascade;`);

    this.addSql(`drop function if exists ledger_append_only() cascade;`);
  }

}
