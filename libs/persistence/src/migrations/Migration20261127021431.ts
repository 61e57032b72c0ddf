import { Migration } from '@mikro-orm/migrations';

export class Migration20261127021431 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_token" ("id" uuid not null, "name" varchar(255) not null, "role" text check ("role" in ('seller', 'finance', 'admin', 'connector')) not null, "seller_id" uuid null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_hash_uq" unique ("token_hash");`);

    this.addSql(`create table "inbound_message" ("id" bigserial primary key, "channel" text check ("channel" in ('kafka', 'http')) not null, "topic" varchar(255) not null, "partition" int null, "offset" bigint null, "key" text null, "headers" jsonb not null, "value" bytea not null, "sha256" varchar(64) not null, "size" int not null, "received_at" timestamptz not null, "status" text check ("status" in ('RECEIVED', 'PROCESSED', 'DUPLICATE', 'DEAD_LETTERED', 'REJECTED')) not null, "error_code" varchar(255) null, "error_message" text null, "processed_at" timestamptz null);`);
    this.addSql(`create index "inbound_message_received_at_idx" on "inbound_message" ("received_at");`);
    this.addSql(`alter table "inbound_message" add constraint "inbound_message_kafka_position_uq" unique ("topic", "partition", "offset");`);

    this.addSql(`create table "outbox_event" ("seq" bigserial primary key, "id" uuid not null, "kind" text check ("kind" in ('event', 'raw')) not null, "topic" varchar(255) not null, "key" text not null, "type" varchar(255) null, "subject" text null, "headers" jsonb not null, "payload" jsonb null, "value" bytea null, "created_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'SENT', 'PARKED')) not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("seq") where "status" = 'PENDING';`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_uq" unique ("id");`);

    this.addSql(`create table "processed_message" ("consumer" varchar(255) not null, "dedupe_key" text not null, "inbound_message_id" bigint not null, "processed_at" timestamptz not null, constraint "processed_message_pkey" primary key ("consumer", "dedupe_key"));`);

    this.addSql(`create table "remittance" ("id" uuid not null, "source" text check ("source" in ('mt103', 'mt910', 'camt054', 'camt053', 'csv')) not null, "message_ref" varchar(255) not null, "uetr" uuid null, "end_to_end_id" varchar(255) null, "sender_bic" varchar(255) null, "value_date" date not null, "currency" varchar(3) not null, "amount" numeric not null, "instructed_amount" jsonb null, "charge_bearer" varchar(3) null, "charges_deducted" jsonb not null, "payer_name" text null, "payer_account" varchar(255) null, "payer_address" jsonb not null, "payer_bic" varchar(255) null, "beneficiary_name" text null, "beneficiary_account" varchar(255) null, "remittance_info" text null, "references" jsonb not null, "related_reference" varchar(255) null, "possible_duplicate" boolean not null, "fingerprint" varchar(64) not null, "duplicate_of" uuid null, "seller_id" uuid null, "status" text check ("status" in ('PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP', 'RETURNED', 'DUPLICATE')) not null, "received_at" timestamptz not null, "inbound_message_id" bigint not null, "channel" varchar(255) not null, "file_name" varchar(255) null, "source_index" int not null, "source_line" int not null, "raw" text not null, constraint "remittance_pkey" primary key ("id"));`);
    this.addSql(`create index "remittance_message_ref_idx" on "remittance" ("message_ref");`);
    this.addSql(`create index "remittance_beneficiary_account_idx" on "remittance" ("beneficiary_account");`);
    this.addSql(`create index "remittance_status_received_idx" on "remittance" ("status", "received_at");`);
    this.addSql(`create index "remittance_e2e_idx" on "remittance" ("end_to_end_id");`);
    this.addSql(`create unique index "remittance_fingerprint_original_uq" on "remittance" ("fingerprint") where "duplicate_of" is null;`);
    this.addSql(`create unique index "remittance_uetr_original_uq" on "remittance" ("uetr") where "duplicate_of" is null and "uetr" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "inbound_message" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "processed_message" cascade;`);

    this.addSql(`drop table if exists "remittance" cascade;`);
  }

}
