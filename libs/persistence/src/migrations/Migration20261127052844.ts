import { Migration } from '@mikro-orm/migrations';

export class Migration20261127052844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "evaluation" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "seller_id" uuid not null, "service_attitude" smallint not null, "delivery_speed" smallint not null, "description_accuracy" smallint not null, "comment" text null, "completed_at" timestamptz not null, "submitted_at" timestamptz not null, "source_address" varchar(64) not null, "reply" text null, "replied_at" timestamptz null, "replied_by" varchar(100) null, constraint "evaluation_pkey" primary key ("id"));`);
    this.addSql(`create index "evaluation_seller_submitted_idx" on "evaluation" ("seller_id", "submitted_at", "id");`);
    this.addSql(`alter table "evaluation" add constraint "evaluation_order_uq" unique ("order_id");`);

    this.addSql(`create table "evaluation_invitation" ("id" uuid not null, "order_id" uuid not null, "order_no" varchar(32) not null, "seq" int not null, "to_address" text not null, "requested_by" varchar(100) not null, "mail_id" uuid not null, "link_expires_at" timestamptz not null, "created_at" timestamptz not null, constraint "evaluation_invitation_pkey" primary key ("id"));`);
    this.addSql(`alter table "evaluation_invitation" add constraint "evaluation_invitation_order_seq_uq" unique ("order_id", "seq");`);

    this.addSql(`create table "supplier_score" ("seller_id" uuid not null, "evaluation_count" int not null, "sum_service_attitude" int not null, "sum_delivery_speed" int not null, "sum_description_accuracy" int not null, "window_as_of" date not null, "window_evaluations" int not null, "window_positive" int not null, "avg_service_attitude" numeric(3,2) null, "avg_delivery_speed" numeric(3,2) null, "avg_description_accuracy" numeric(3,2) null, "avg_overall" numeric(3,2) null, "positive_rate" numeric(5,4) null, "version" int not null, "updated_at" timestamptz not null, constraint "supplier_score_pkey" primary key ("seller_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "evaluation" cascade;`);

    this.addSql(`drop table if exists "evaluation_invitation" cascade;`);

    this.addSql(`drop table if exists "supplier_score" cascade;`);
  }

}
