import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: a wire that reuses a stored wire's UETR with other money is its own remittance,
 * IDENTITY_CONFLICT, linked by `conflicts_with` (so the UETR stays unique among originals only);
 * a copy whose amount differs by charges records the difference and why.
 */
export class Migration20261207194500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "remittance" add column "conflicts_with" uuid null, add column "identity_note" text null, add column "charges_explained" jsonb null;`);
    this.addSql(`alter table "remittance" drop constraint if exists "remittance_status_check";`);
    this.addSql(`alter table "remittance" add constraint "remittance_status_check" check ("status" in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP', 'RETURNED', 'DUPLICATE', 'IDENTITY_CONFLICT'));`);
    this.addSql(`drop index if exists "remittance_uetr_original_uq";`);
    this.addSql(`create unique index "remittance_uetr_original_uq" on "remittance" ("uetr") where "duplicate_of" is null and "conflicts_with" is null and "uetr" is not null;`);
    this.addSql(`create index "remittance_uetr_conflict_idx" on "remittance" ("uetr") where "conflicts_with" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "remittance_uetr_conflict_idx";`);
    this.addSql(`drop index if exists "remittance_uetr_original_uq";`);
    this.addSql(`create unique index "remittance_uetr_original_uq" on "remittance" ("uetr") where "duplicate_of" is null and "uetr" is not null;`);
    this.addSql(`alter table "remittance" drop constraint if exists "remittance_status_check";`);
    this.addSql(`alter table "remittance" add constraint "remittance_status_check" check ("status" in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP', 'RETURNED', 'DUPLICATE'));`);
    this.addSql(`alter table "remittance" drop column "conflicts_with", drop column "identity_note", drop column "charges_explained";`);
  }

}
