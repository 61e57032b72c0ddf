import { Migration } from '@mikro-orm/migrations';

/** Reports (issue 9): mail attachments (the daily reconciliation XLSX) and the report's period index on remittance. */
export class Migration20261127062708 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "mail_outbox" add column "attachments" jsonb null;`);

    this.addSql(`create index "remittance_report_received_idx" on "remittance" ("received_at") where "duplicate_of" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "mail_outbox" drop column "attachments";`);

    this.addSql(`drop index "remittance_report_received_idx";`);
  }

}
