import { Migration } from '@mikro-orm/migrations';

export class Migration20261127022734 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "bank_file" ("id" uuid not null, "sha256" varchar(64) not null, "format" text check ("format" in ('mt103', 'camt054', 'csv')) not null, "profile" varchar(255) null, "file_name" text null, "size" int not null, "inbound_message_id" bigint not null, "received_at" timestamptz not null, "result" jsonb not null, constraint "bank_file_pkey" primary key ("id"));`);
    this.addSql(`alter table "bank_file" add constraint "bank_file_sha256_uq" unique ("sha256");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bank_file" cascade;`);
  }

}
