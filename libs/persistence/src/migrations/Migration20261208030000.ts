import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 22: people of an OpenID Connect provider (`hub_user` without a password, known by issuer and
 * subject), and four eyes on refund acceptances and funds settings (`four_eyes_request` kinds
 * `REFUND` and `FUNDS_SETTINGS`; the refund records the finance people who approved it).
 */
export class Migration20261208030000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "hub_user" alter column "password_hash" drop not null;`);
    this.addSql(`alter table "hub_user" add column "oidc_issuer" text null, add column "oidc_subject" text null;`);
    this.addSql(`alter table "hub_user" add constraint "hub_user_oidc_uq" unique ("oidc_issuer", "oidc_subject");`);
    this.addSql(`alter table "four_eyes_request" drop constraint if exists "four_eyes_request_kind_check";`);
    this.addSql(`alter table "four_eyes_request" add constraint "four_eyes_request_kind_check" check("kind" in ('RETURN', 'MATCHING_SETTINGS', 'REFUND', 'FUNDS_SETTINGS'));`);
    this.addSql(`alter table "refund" add column "first_approved_by" text null, add column "approved_by" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "refund" drop column "first_approved_by", drop column "approved_by";`);
    this.addSql(`delete from "four_eyes_request" where "kind" in ('REFUND', 'FUNDS_SETTINGS');`);
    this.addSql(`alter table "four_eyes_request" drop constraint if exists "four_eyes_request_kind_check";`);
    this.addSql(`alter table "four_eyes_request" add constraint "four_eyes_request_kind_check" check("kind" in ('RETURN', 'MATCHING_SETTINGS'));`);
    this.addSql(`alter table "hub_user" drop constraint "hub_user_oidc_uq";`);
    this.addSql(`alter table "hub_user" drop column "oidc_issuer", drop column "oidc_subject";`);
    this.addSql(`delete from "hub_user" where "password_hash" is null;`);
    this.addSql(`alter table "hub_user" alter column "password_hash" set not null;`);
  }

}
