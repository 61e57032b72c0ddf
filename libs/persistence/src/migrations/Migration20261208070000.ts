import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: the matching index (libs/matching `MatchingIndex`) keeps each seller's open orders, known
 * payment ids and known payer accounts in memory, and must never serve a stale one. Every
 * transaction that changes what candidate retrieval reads for a seller moves that seller's version:
 *
 * - `matching_seller_version.version`: a value of `matching_version_seq`, taken anew on every
 *   change. A sequence never hands out a value twice, even when the transaction that took it rolls
 *   back, so a version the index saw inside a transaction that did not commit can never come back.
 * - `base` and `txid`: the version before the current writer's first change, and that writer's
 *   transaction. A matching batch that changed a seller itself reads them at its end: if the only
 *   changes since the version it loaded are its own (`txid` is its own, `base` the version it
 *   loaded), its in-memory copy, updated as it went, is exact at the new version.
 *
 * Bumped by triggers, so no writer can forget: orders (insert, delete, and updates of what retrieval
 * reads), associations (insert, delete, updates of status or the payment fields), allocations and
 * matching settings. Sellers are bumped in sorted order, so two writers never wait in a cycle here.
 */
export class Migration20261208070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "matching_version_seq" minvalue 1 no cycle;`);
    this.addSql(`create table "matching_seller_version" ("seller_id" uuid not null, "version" bigint not null, "base" bigint not null, "txid" bigint not null, constraint "matching_seller_version_pkey" primary key ("seller_id"));`);
    this.addSql(`create or replace function bump_matching_versions(sellers uuid[]) returns void language sql as $$
      insert into matching_seller_version as v (seller_id, version, base, txid)
      select s, nextval('matching_version_seq'), 0, txid_current() from (select distinct s from unnest(sellers) s where s is not null order by s) t
      on conflict (seller_id) do update set base = case when v.txid = txid_current() then v.base else v.version end, version = excluded.version, txid = excluded.txid
    $$;`);

    // Statement-level, with transition tables: one upsert per seller and statement, however many rows.
    this.addSql(`create or replace function matching_version_new_rows() returns trigger language plpgsql as $$
      begin perform bump_matching_versions(array(select seller_id from new_rows)); return null; end $$;`);
    this.addSql(`create or replace function matching_version_old_rows() returns trigger language plpgsql as $$
      begin perform bump_matching_versions(array(select seller_id from old_rows)); return null; end $$;`);
    // Row-level where only some updates matter (a column list cannot go with transition tables).
    this.addSql(`create or replace function matching_version_row() returns trigger language plpgsql as $$
      begin perform bump_matching_versions(array[old.seller_id, new.seller_id]); return null; end $$;`);
    this.addSql(`create or replace function matching_version_allocation_rows() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          perform bump_matching_versions(array(select a.seller_id from old_rows r join remittance_association a on a.id = r.association_id));
        else
          perform bump_matching_versions(array(select a.seller_id from new_rows r join remittance_association a on a.id = r.association_id));
        end if;
        return null;
      end $$;`);

    this.addSql(`create or replace function matching_version_allocation_row() returns trigger language plpgsql as $$
      begin perform bump_matching_versions(array(select a.seller_id from remittance_association a where a.id in (old.association_id, new.association_id))); return null; end $$;`);

    for (const table of ['ereceipt_order', 'remittance_association', 'matching_settings']) {
      this.addSql(`create trigger "${table}_matching_version_ins" after insert on "${table}" referencing new table as new_rows for each statement execute function matching_version_new_rows();`);
      this.addSql(`create trigger "${table}_matching_version_del" after delete on "${table}" referencing old table as old_rows for each statement execute function matching_version_old_rows();`);
    }
    this.addSql(`create trigger "ereceipt_order_matching_version_upd" after update on "ereceipt_order" for each row
      when ((old.seller_id, old.order_no, old.buyer_name, old.currency, old.total, old.paid_amount, old.milestones, old.lifecycle_status, old.payment_status, old.created_at, old.expected_ship_date)
            is distinct from (new.seller_id, new.order_no, new.buyer_name, new.currency, new.total, new.paid_amount, new.milestones, new.lifecycle_status, new.payment_status, new.created_at, new.expected_ship_date))
      execute function matching_version_row();`);
    this.addSql(`create trigger "remittance_association_matching_version_upd" after update on "remittance_association" for each row
      when ((old.seller_id, old.status, old.uetr, old.end_to_end_id, old.payer_account, old.decided_by, old.remittance_id)
            is distinct from (new.seller_id, new.status, new.uetr, new.end_to_end_id, new.payer_account, new.decided_by, new.remittance_id))
      execute function matching_version_row();`);
    this.addSql(`create trigger "matching_settings_matching_version_upd" after update on "matching_settings" for each row execute function matching_version_row();`);
    this.addSql(`create trigger "association_allocation_matching_version_ins" after insert on "association_allocation" referencing new table as new_rows for each statement execute function matching_version_allocation_rows();`);
    this.addSql(`create trigger "association_allocation_matching_version_del" after delete on "association_allocation" referencing old table as old_rows for each statement execute function matching_version_allocation_rows();`);
    this.addSql(`create trigger "association_allocation_matching_version_upd" after update on "association_allocation" for each row execute function matching_version_allocation_row();`);
  }

  override async down(): Promise<void> {
    for (const table of ['ereceipt_order', 'remittance_association', 'matching_settings', 'association_allocation']) {
      for (const event of ['ins', 'del', 'upd']) this.addSql(`drop trigger if exists "${table}_matching_version_${event}" on "${table}";`);
    }
    for (const fn of ['matching_version_new_rows', 'matching_version_old_rows', 'matching_version_row', 'matching_version_allocation_rows', 'matching_version_allocation_row']) this.addSql(`drop function if exists ${fn}();`);
    this.addSql(`drop function if exists bump_matching_versions(uuid[]);`);
    this.addSql(`drop table if exists "matching_seller_version";`);
    this.addSql(`drop sequence if exists "matching_version_seq";`);
  }
}
