import { Migration } from '@mikro-orm/migrations';

export class Migration20261127051611 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "ereceipt_order" add column "completed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ereceipt_order" drop column "completed_at";`);
  }

}
