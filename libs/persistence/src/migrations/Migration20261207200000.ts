import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21: a booked wire that broke a network or format rule is stored with the rule codes
 * (`irregularities`, shown and counted, never matched automatically); the identifying fields
 * beyond the flat columns (50F party identifier, typed :70: references, 52a/56a/57a BICs, :72:
 * codes) are kept in `details`. Rows stored before have no irregularity and no details.
 */
export class Migration20261207200000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "remittance" add column "irregularities" jsonb not null default '[]', add column "details" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "remittance" drop column "irregularities", drop column "details";`);
  }

}
