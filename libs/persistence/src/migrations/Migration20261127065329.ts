import { Migration } from '@mikro-orm/migrations';

/** Funds (issue 7): an FX settlement can be reversed (an unbind takes settled money back at the settlement's own rate). */
export class Migration20261127065329 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "fx_settlement" add column "reversed_at" timestamptz null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fx_settlement" drop column "reversed_at";`);

  }

}
