import { Migration } from '@mikro-orm/migrations';

/**
 * libs/matching: buyer names are compared with the engine's own similarity, in memory, over the
 * distinct names on one seller's open orders (a pg_trgm search matched ~95 % of a seller's orders in
 * the benchmark, on the shared "TRADING LLC" trigrams), so the GIN index gives way to a partial
 * (seller, currency, buyer name) index over open orders, which answers that lookup index-only.
 */
export class Migration20261127054500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "ereceipt_order_buyer_name_trgm_idx";`);
    this.addSql(`create index "ereceipt_order_open_buyer_idx" on "ereceipt_order" ("seller_id", "currency", "buyer_name") where "lifecycle_status" in ('SUBMITTED', 'CONFIRMED') and "payment_status" <> 'PAID';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "ereceipt_order_open_buyer_idx";`);
    this.addSql(`create index "ereceipt_order_buyer_name_trgm_idx" on "ereceipt_order" using gin ("buyer_name" gin_trgm_ops);`);
  }

}
