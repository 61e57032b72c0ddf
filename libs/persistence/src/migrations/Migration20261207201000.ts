import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22: named users and machine tokens with an owner, an expiry and their last use.
 * `hub_user` (argon2id hashes, optional TOTP secret), `user_session` (SHA-256 of the session token,
 * idle and absolute expiry), three columns on `api_token`, and `four_eyes_request` (money actions
 * waiting for a second finance person; at most one PENDING per kind and subject).
 */
export class Migration20261207201000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "hub_user" ("id" uuid not null, "email" varchar(255) not null, "display_name" varchar(255) not null, "role" text check ("role" in ('seller', 'finance', 'admin', 'connector')) not null, "seller_id" uuid null, "password_hash" text not null, "totp_secret" text null, "created_at" timestamptz not null, "password_changed_at" timestamptz not null, "disabled_at" timestamptz null, constraint "hub_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "hub_user" add constraint "hub_user_email_uq" unique ("email");`);
    this.addSql(`create table "user_session" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "ended_at" timestamptz null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`create index "user_session_user_idx" on "user_session" ("user_id");`);
    this.addSql(`alter table "user_session" add constraint "user_session_hash_uq" unique ("token_hash");`);
    this.addSql(`create table "four_eyes_request" ("id" uuid not null, "kind" text check ("kind" in ('RETURN', 'MATCHING_SETTINGS')) not null, "subject_id" uuid not null, "currency" varchar(3) not null, "amount" numeric not null, "payload" jsonb not null, "requested_by" text not null, "requested_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'DONE', 'WITHDRAWN')) not null, "decided_by" text null, "decided_at" timestamptz null, constraint "four_eyes_request_pkey" primary key ("id"));`);
    this.addSql(`create index "four_eyes_request_subject_idx" on "four_eyes_request" ("kind", "subject_id");`);
    this.addSql(`create unique index "four_eyes_request_pending_uq" on "four_eyes_request" ("kind", "subject_id") where "status" = 'PENDING';`);
    this.addSql(`alter table "api_token" add column "owner" text null, add column "expires_at" timestamptz null, add column "last_used_at" timestamptz null;`);
    this.addSql(`alter table "remittance_return" add column "approved_by" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "four_eyes_request" cascade;`);
    this.addSql(`drop table if exists "user_session" cascade;`);
    this.addSql(`drop table if exists "hub_user" cascade;`);
    this.addSql(`alter table "api_token" drop column "owner", drop column "expires_at", drop column "last_used_at";`);
    this.addSql(`alter table "remittance_return" drop column "approved_by";`);
  }

}
