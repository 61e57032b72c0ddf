import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 5: sellers' matching settings (charge tolerance, review policy) as a history: a change is a
 * new row effective from then on (matching reads the latest, a replay the one in force at each
 * decision), so the rows are append-only (a trigger refuses update and delete).
 */
export class Migration20261127084410 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "matching_settings" ("id" uuid not null, "seller_id" uuid not null, "charge_tolerance_percent" numeric not null, "charge_tolerance_absolute" numeric not null, "review_policy" text check ("review_policy" in ('ONLY_FLAGGED', 'ALWAYS')) not null, "effective_at" timestamptz not null, "changed_by" text not null, "note" text null, constraint "matching_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "matching_settings_seller_idx" on "matching_settings" ("seller_id", "effective_at");`);
    this.addSql(`create or replace function matching_settings_append_only() returns trigger language plpgsql as $$ begin raise exception 'matching_settings is append-only: a change is a new row'; end $$;`);
    this.addSql(`create trigger matching_settings_append_only before update or delete on "matching_settings" for each row execute function matching_settings_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "matching_settings" cascade;`);
    this.addSql(`drop function if exists matching_settings_append_only();`);
  }

}
