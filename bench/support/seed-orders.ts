import { Client } from 'pg';

/**
 * Open orders whose sellers' virtual accounts bench wires can hit (issue #14): S approved sellers,
 * one USD collection account each (`VA88` + 9 digits), N open orders spread over them (a deposit and a
 * balance milestone, 200 buyers per seller). The same shape as `npm run bench -- matching` seeds
 * (bench/matching.bench.ts), kept here so the two benches can move apart.
 */
export async function seedOpenOrders(databaseUrl: string, orders: number, sellers: number): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const t0 = Date.now();
  try {
    await db.query(
      `insert into seller (id, legal_name, customs_code, trade_mode, settlement_currency, currencies, contact_email, status, rejection_reason, applied_at, decided_at)
       select overlay(overlay(md5('s' || i) placing '4' from 13) placing '8' from 17)::uuid, 'SELLER ' || i, '3302961234', '0110', 'CNY', '["USD"]', 's@bench.example', 'APPROVED', null, now(), now() from generate_series(1, $1) i`,
      [sellers],
    );
    await db.query(
      `insert into collection_account (id, seller_id, currency, account_number, beneficiary_name, bank_name, bic, created_at)
       select gen_random_uuid(), overlay(overlay(md5('s' || i) placing '4' from 13) placing '8' from 17)::uuid, 'USD', 'VA88' || lpad(i::text, 9, '0'), 'SELLER ' || i, 'BENCH BANK', 'BKCHCNBJ', now() from generate_series(1, $1) i`,
      [sellers],
    );
    await db.query(
      `insert into ereceipt_order (id, order_no, seller_id, external_order_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date, export_method, lifecycle_status, payment_status, fulfilment_status, cancel_reason, created_at, updated_at, submitted_at, cancelled_at)
       select gen_random_uuid(), 'EO-2025-' || lpad(i::text, 6, '0'),
              overlay(overlay(md5('s' || (1 + i % $2)) placing '4' from 13) placing '8' from 17)::uuid, null,
              ($3::text[])[1 + (b % 20 + s) % 20] || ' ' || ($4::text[])[1 + (b / 20 + s * 3) % 20] || ' TRADING LLC', 'ap@buyer.example', 'US', 'USD',
              dep * 3, 0, '[]'::jsonb,
              jsonb_build_array(jsonb_build_object('kind', 'DEPOSIT', 'amount', to_char(dep, 'FM999999990.00'), 'paidAmount', '0.00', 'dueDate', '2027-01-01', 'preShipment', true),
                                jsonb_build_object('kind', 'BALANCE', 'amount', to_char(dep * 2, 'FM999999990.00'), 'paidAmount', '0.00', 'dueDate', '2027-03-01', 'preShipment', false)),
              'FOB', date '2027-02-01', 'SELF_EXPORT', 'SUBMITTED', 'UNPAID', 'NOT_SHIPPED', null, now() - interval '30 days', now(), now(), null
         from (select i, (i / $2) % 200 as b, 1 + i % $2 as s, round(100 + ((i::bigint * 7919) % 900000) / 100.0, 2) as dep from generate_series(1, $1) i) g`,
      [orders, sellers, WORDS_A, WORDS_B],
    );
    // As autovacuum would leave a settled table: statistics, and a visibility map for index-only scans.
    await db.query('vacuum analyze');
  } finally {
    await db.end();
  }
  return (Date.now() - t0) / 1000;
}

const WORDS_A = ['AMBER', 'BRISK', 'CEDAR', 'DELTA', 'EMBER', 'FJORD', 'GRANITE', 'HARBOR', 'IVORY', 'JASPER', 'KESTREL', 'LUMEN', 'MAPLE', 'NORTH', 'ONYX', 'PACIFIC', 'QUARTZ', 'RAVEN', 'SUMMIT', 'TIMBER'];
const WORDS_B = ['ANCHOR', 'BRIDGE', 'CANYON', 'DUNE', 'ESTATE', 'FALCON', 'GROVE', 'HARVEST', 'ISLAND', 'JUNCTION', 'KNOLL', 'LAGOON', 'MEADOW', 'NEXUS', 'ORCHARD', 'PRAIRIE', 'QUAY', 'RIDGE', 'SPRING', 'TRAIL'];

/** What a wire needs to pay one seeded order's deposit: the order number, the buyer, the amount, the seller's account. */
export interface OrderTarget {
  orderNo: string;
  buyerName: string;
  deposit: string;
  accountNumber: string;
}

/** Order i (1..N) of `seedOpenOrders` belongs to seller 1 + (i mod S); its number is EO-2025-<i, 6 digits> (the form matching reads in a reference). */
export const orderNumber = (i: number): string => `EO-2025-${String(i).padStart(6, '0')}`;

/** Wire k of an MT103 run pays order 1 + (k * 104,729 mod N): a prime, so k < N hit N different orders. */
export const mt103OrderIndex = (k: number, orders: number): number => 1 + ((k * 104_729) % orders);

/** Entry e of camt.054 file f (one account per file) pays the e-th order of seller 1 + (f mod S): different orders while e < N / S. */
export function camtOrderIndex(f: number, e: number, orders: number, sellers: number): number {
  const s = f % sellers;
  const perSeller = Math.floor(orders / sellers);
  const m = e % perSeller;
  return s === 0 ? sellers * (m + 1) : s + sellers * m;
}

/** The seeded orders with these indexes (in that order), read back: what a wire needs to pay each one's deposit. */
export async function orderTargets(databaseUrl: string, indexes: readonly number[]): Promise<OrderTarget[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const wanted = indexes.map(orderNumber);
    const { rows } = await db.query<{ order_no: string; buyer_name: string; deposit: string; account_number: string }>(
      `select o.order_no, o.buyer_name, o.milestones->0->>'amount' as deposit, ca.account_number
         from ereceipt_order o join collection_account ca on ca.seller_id = o.seller_id
        where o.order_no = any($1::text[])`,
      [[...new Set(wanted)]],
    );
    const byNo = new Map(rows.map((r) => [r.order_no, r]));
    return wanted.map((no) => {
      const r = byNo.get(no);
      if (!r) throw new Error(`seeded order ${no} not found`);
      return { orderNo: r.order_no, buyerName: r.buyer_name, deposit: r.deposit, accountNumber: r.account_number };
    });
  } finally {
    await db.end();
  }
}
