import { Migration } from '@mikro-orm/migrations';

/**
 * libs/matching (issue 5): associations with their allocations, the last decision per remittance,
 * the hash-chained audit (append-only: a trigger refuses update and delete), and by hand the
 * candidate-retrieval indexes on orders: open orders per (seller, currency) oldest first and by open
 * amount (partial: only open orders), and `pg_trgm` on buyer names.
 */
export class Migration20261127051347 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "association_allocation" ("id" uuid not null, "association_id" uuid not null, "order_no" varchar(32) not null, "amount" numeric not null, "bank_charges" numeric not null, "settled" numeric not null, constraint "association_allocation_pkey" primary key ("id"));`);
    this.addSql(`create index "association_allocation_order_idx" on "association_allocation" ("order_no");`);
    this.addSql(`create index "association_allocation_association_idx" on "association_allocation" ("association_id");`);

    this.addSql(`create table "association_audit" ("seq" bigserial primary key, "chain" varchar(255) not null, "remittance_id" uuid not null, "association_id" uuid null, "action" text check ("action" in ('PROPOSE', 'APPROVE', 'REJECT', 'UNBIND', 'AUTO_ASSOCIATE', 'MANUAL_ASSOCIATE')) not null, "actor" text not null, "payload" jsonb not null, "at" timestamptz not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "association_audit_remittance_idx" on "association_audit" ("remittance_id");`);
    this.addSql(`create index "association_audit_chain_idx" on "association_audit" ("chain", "seq");`);

    this.addSql(`create table "match_decision" ("remittance_id" uuid not null, "outcome" text check ("outcome" in ('AUTO', 'SUGGEST', 'NONE')) not null, "reason" varchar(255) not null, "rule_version" varchar(255) not null, "decision" jsonb not null, "decided_at" timestamptz not null, constraint "match_decision_pkey" primary key ("remittance_id"));`);
    this.addSql(`create index "match_decision_outcome_idx" on "match_decision" ("outcome", "decided_at");`);

    this.addSql(`create table "remittance_association" ("id" uuid not null, "remittance_id" uuid not null, "seller_id" uuid not null, "currency" varchar(3) not null, "amount" numeric not null, "method" text check ("method" in ('AUTO', 'MANUAL')) not null, "status" text check ("status" in ('PROPOSED', 'APPROVED', 'REJECTED', 'UNBOUND')) not null, "reason" varchar(255) null, "flags" jsonb not null, "scores" jsonb not null, "rule_version" varchar(255) null, "actor" text not null, "uetr" uuid null, "end_to_end_id" varchar(255) null, "payer_account" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "decided_by" text null, "decided_at" timestamptz null, "decision_note" text null, constraint "remittance_association_pkey" primary key ("id"));`);
    this.addSql(`create index "remittance_association_payer_account_idx" on "remittance_association" ("seller_id", "payer_account");`);
    this.addSql(`create index "remittance_association_e2e_idx" on "remittance_association" ("seller_id", "end_to_end_id");`);
    this.addSql(`create index "remittance_association_uetr_idx" on "remittance_association" ("seller_id", "uetr");`);
    this.addSql(`create index "remittance_association_remittance_idx" on "remittance_association" ("remittance_id");`);

    this.addSql(`create or replace function association_audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'association_audit is append-only'; end $$;`);
    this.addSql(`create trigger "association_audit_append_only" before update or delete on "association_audit" for each row execute function association_audit_append_only();`);

    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "ereceipt_order_open_idx" on "ereceipt_order" ("seller_id", "currency", "created_at") where "lifecycle_status" in ('SUBMITTED', 'CONFIRMED') and "payment_status" <> 'PAID';`);
    this.addSql(`create index "ereceipt_order_open_amount_idx" on "ereceipt_order" ("seller_id", "currency", ("total" - "paid_amount")) where "lifecycle_status" in ('SUBMITTED', 'CONFIRMED') and "payment_status" <> 'PAID';`);
    this.addSql(`create index "ereceipt_order_buyer_name_trgm_idx" on "ereceipt_order" using gin ("buyer_name" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "ereceipt_order_buyer_name_trgm_idx";`);
    this.addSql(`drop index if exists "ereceipt_order_open_amount_idx";`);
    this.addSql(`drop index if exists "ereceipt_order_open_idx";`);
    this.addSql(`drop function if exists association_audit_append_only() cascade;`);

    this.addSql(`drop table if exists "association_allocation" cascade;`);

    this.addSql(`drop table if exists "association_audit" cascade;`);

    this.addSql(`drop table if exists "match_decision" cascade;`);

    this.addSql(`drop table if exists "remittance_association" cascade;`);
  }

}
