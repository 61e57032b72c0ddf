import { Migration } from '@mikro-orm/migrations';

/** Funds (issue 7): returns of unassociable remittances to their payer, less a fee (one live return per remittance). */
export class Migration20261127064807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "remittance_return" ("id" uuid not null, "remittance_id" uuid not null, "seller_id" uuid not null, "currency" varchar(3) not null, "amount" numeric not null, "fee" numeric not null, "status" varchar(10) not null, "previous_status" varchar(32) not null, "requested_by" text not null, "requested_at" timestamptz not null, "result_at" timestamptz null, "bank_ref" varchar(64) null, "failure_reason" text null, constraint "remittance_return_pkey" primary key ("id"));`);
    this.addSql(`create unique index "remittance_return_live_uq" on "remittance_return" ("remittance_id") where "status" <> 'FAILED';`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "remittance_return" cascade;`);

  }

}
