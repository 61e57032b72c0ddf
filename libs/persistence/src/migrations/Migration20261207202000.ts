import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17 §4: the reconciliation report reads maintained aggregates instead of classifying every
 * remittance of the period on each request.
 *
 * - `report_dirty`: a queue of remittances whose classification may have changed, filled by
 *   statement-level triggers (transition tables, one insert per statement) on the tables the
 *   classification reads: remittance, remittance_association, association_allocation,
 *   ereceipt_order (payment status), match_decision. No application code writes it.
 * - `report_fact`: one row per remittance, its classification (the report's definitions, computed by
 *   libs/reports' SQL) as of the last catch-up that saw it.
 * - `report_aggregate`: the facts summed per day x currency x seller x sender BIC x category x
 *   remittance status (the status only splits the rare inconsistent states).
 *
 * The catch-up job (libs/reports `ReportAggregates.catchUp`) takes queue rows, recomputes their
 * facts and moves the aggregates by the difference. The queue is the watermark: a report corrects the
 * aggregates, in its own snapshot, by the remittances still queued there (their old fact out, their
 * live classification in), so it is exact whether the job is behind or not.
 */
export class Migration20261207202000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_dirty" ("id" bigserial not null, "remittance_id" uuid not null, constraint "report_dirty_pkey" primary key ("id"));`);
    this.addSql(`create index "report_dirty_remittance_idx" on "report_dirty" ("remittance_id");`);
    // The job deletes what it takes: dead rows would make every report's look at the queue slow (measured:
    // 4.4M dead rows after a 1M bulk load turned a one-day report from 0.03 s into 5 s), so vacuum early.
    this.addSql(`alter table "report_dirty" set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000);`);
    this.addSql(`create table "report_fact" ("remittance_id" uuid not null, "day" date not null, "received_at" timestamptz not null, "currency" varchar(3) not null, "seller_id" uuid null, "sender_bic" varchar(255) null,
      "category" text not null, "status" text not null, "amount" numeric not null, "auto_n" int not null, "auto_unbound" int not null, "auto_rejected" int not null, "underpaid" boolean not null, "overpaid" boolean not null,
      "partial" boolean not null, "charges" numeric not null, "discrepancy" boolean not null, "discrepancies" text[] not null, constraint "report_fact_pkey" primary key ("remittance_id"));`);
    this.addSql(`create index "report_fact_period_idx" on "report_fact" ("category", "received_at", "remittance_id");`);
    this.addSql(`create index "report_fact_discrepancy_idx" on "report_fact" ("received_at") where "discrepancy";`);
    this.addSql(`create table "report_aggregate" ("day" date not null, "currency" varchar(3) not null, "seller_id" uuid null, "sender_bic" varchar(255) null, "category" text not null, "status" text not null,
      "n" bigint not null, "amount" numeric not null, "auto_rn" bigint not null, "auto_amount" numeric not null, "auto_associations" bigint not null, "auto_unbound" bigint not null, "auto_rejected" bigint not null,
      "underpaid_n" bigint not null, "underpaid_amount" numeric not null, "overpaid_n" bigint not null, "overpaid_amount" numeric not null, "partial_n" bigint not null, "partial_amount" numeric not null,
      "charges_n" bigint not null, "charges" numeric not null);`);
    this.addSql(`create unique index "report_aggregate_key" on "report_aggregate" ("day", "currency", "seller_id", "sender_bic", "category", "status") nulls not distinct;`);

    const mark = (name: string, sql: string) =>
      this.addSql(`create or replace function ${name}() returns trigger language plpgsql as $$ begin insert into report_dirty (remittance_id) ${sql}; return null; end $$;`);
    mark('report_dirty_remittance_new', `select id from new_rows`);
    mark('report_dirty_remittance_old', `select id from old_rows`);
    mark('report_dirty_by_remittance_new', `select distinct remittance_id from new_rows`);
    mark('report_dirty_by_remittance_old', `select distinct remittance_id from old_rows`);
    mark('report_dirty_by_remittance_both', `select remittance_id from new_rows union select remittance_id from old_rows`);
    mark('report_dirty_allocation_both', `select ra.remittance_id from (select association_id from new_rows union select association_id from old_rows) x join remittance_association ra on ra.id = x.association_id`);
    mark('report_dirty_allocation_new', `select distinct ra.remittance_id from new_rows x join remittance_association ra on ra.id = x.association_id`);
    mark('report_dirty_allocation_old', `select distinct ra.remittance_id from old_rows x join remittance_association ra on ra.id = x.association_id`);
    // An order's payment status is read through its allocations (the "partial" column); other order changes are not.
    mark('report_dirty_order_insert', `select distinct ra.remittance_id from new_rows x join association_allocation al on al.order_no = x.order_no join remittance_association ra on ra.id = al.association_id`);
    mark('report_dirty_order_update', `select distinct ra.remittance_id from new_rows x join old_rows o on o.id = x.id join association_allocation al on al.order_no in (x.order_no, o.order_no) join remittance_association ra on ra.id = al.association_id
      where x.payment_status is distinct from o.payment_status or x.order_no is distinct from o.order_no`);
    const on = (table: string, event: 'insert' | 'update' | 'delete', fn: string) => {
      const ref = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'new table as new_rows old table as old_rows';
      this.addSql(`create trigger "${table}_report_dirty_${event}" after ${event} on "${table}" referencing ${ref} for each statement execute function ${fn}();`);
    };
    // Any update marks (old and new rows): updates of these tables are rare next to inserts.
    for (const [table, newFn, bothFn, oldFn] of [
      ['remittance', 'report_dirty_remittance_new', 'report_dirty_remittance_new', 'report_dirty_remittance_old'],
      ['remittance_association', 'report_dirty_by_remittance_new', 'report_dirty_by_remittance_both', 'report_dirty_by_remittance_old'],
      ['match_decision', 'report_dirty_by_remittance_new', 'report_dirty_by_remittance_both', 'report_dirty_by_remittance_old'],
      ['association_allocation', 'report_dirty_allocation_new', 'report_dirty_allocation_both', 'report_dirty_allocation_old'],
    ] as const) {
      on(table, 'insert', newFn);
      on(table, 'update', bothFn);
      on(table, 'delete', oldFn);
    }
    on('ereceipt_order', 'insert', 'report_dirty_order_insert');
    on('ereceipt_order', 'update', 'report_dirty_order_update');
    // TRUNCATE fires no row or statement trigger of the kinds above (tests truncate between cases).
    this.addSql(`create or replace function report_dirty_remittance_truncate() returns trigger language plpgsql as $$ begin delete from report_dirty; delete from report_fact; delete from report_aggregate; return null; end $$;`);
    this.addSql(`create or replace function report_dirty_all() returns trigger language plpgsql as $$ begin insert into report_dirty (remittance_id) select id from remittance; return null; end $$;`);
    this.addSql(`create trigger "remittance_report_dirty_truncate" after truncate on "remittance" for each statement execute function report_dirty_remittance_truncate();`);
    for (const table of ['remittance_association', 'match_decision', 'association_allocation', 'ereceipt_order']) {
      this.addSql(`create trigger "${table}_report_dirty_truncate" after truncate on "${table}" for each statement execute function report_dirty_all();`);
    }
    // Everything recorded so far is queued once: the first catch-up builds the facts and aggregates.
    this.addSql(`insert into report_dirty (remittance_id) select id from remittance;`);
  }

  override async down(): Promise<void> {
    for (const table of ['remittance', 'remittance_association', 'match_decision', 'association_allocation', 'ereceipt_order']) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger if exists "${table}_report_dirty_${event}" on "${table}";`);
    }
    for (const fn of ['remittance_new', 'remittance_old', 'by_remittance_new', 'by_remittance_old', 'by_remittance_both', 'allocation_new', 'allocation_old', 'allocation_both', 'order_insert', 'order_update', 'remittance_truncate', 'all']) this.addSql(`drop function if exists report_dirty_${fn}();`);
    this.addSql(`drop table if exists "report_aggregate";`);
    this.addSql(`drop table if exists "report_fact";`);
    this.addSql(`drop table if exists "report_dirty";`);
  }

}
