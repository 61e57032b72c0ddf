import { Migration } from '@mikro-orm/migrations';

export class Migration20261127051821 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "scheduled_job" ("name" varchar(100) not null, "next_due_at" timestamptz not null, "last_due_at" timestamptz null, "last_run_at" timestamptz null, "last_duration_ms" int null, "last_error" text null, "runs" int not null default 0, "failures" int not null default 0, constraint "scheduled_job_pkey" primary key ("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scheduled_job" cascade;`);
  }

}
