import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22 §5: the exception queue pages with a keyset cursor (no OFFSET) sorted by age, amount or
 * currency. One partial index per sort over the originals that wait for a person (libs/reports
 * `report.indexes.ts`), so a page is a range scan of the queue, never of every remittance.
 */
export class Migration20261208040000 extends Migration {

  override async up(): Promise<void> {
    const waiting = `where "duplicate_of" is null and "status" in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP', 'IDENTITY_CONFLICT')`;
    this.addSql(`create index "remittance_queue_age_idx" on "remittance" ("received_at", "id") ${waiting};`);
    this.addSql(`create index "remittance_queue_amount_idx" on "remittance" ("amount", "id") ${waiting};`);
    this.addSql(`create index "remittance_queue_currency_idx" on "remittance" ("currency", "received_at", "id") ${waiting};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "remittance_queue_age_idx";`);
    this.addSql(`drop index if exists "remittance_queue_amount_idx";`);
    this.addSql(`drop index if exists "remittance_queue_currency_idx";`);
  }
}
