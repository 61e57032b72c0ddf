import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@ereceipt/persistence';
import { normaliseAccount } from '../domain';

/**
 * Decisions for one seller are serialized: a decision reads the seller's open orders and known
 * payers only after every other transaction that decided for that seller has committed (a
 * transaction-level advisory lock, taken before the reads). Without it, two wires of one seller
 * matched at once in two partitions (or two batches) each decide on a state without the other's
 * association: both can credit the same open milestone, and a replay, which counts an association
 * from its creation, sees what neither decision saw.
 *
 * A batch takes the locks of all its sellers first, in one sorted order, so two batches never wait
 * for each other in a cycle; the lock is re-entrant, so the per-wire lock in the retrieval is free.
 */
export async function lockSellerForMatching(em: EntityManager, sellerId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`matching:${sellerId}`]);
}

/**
 * The sellers owning these beneficiary accounts, locked in sorted order (see above) with one
 * statement; returns each account's seller (normalised account number -> seller id).
 */
export async function lockSellersOfAccounts(em: EntityManager, accounts: Array<string | null>): Promise<Map<string, string>> {
  const numbers = [...new Set(accounts.filter((a): a is string => !!a).map(normaliseAccount))];
  if (numbers.length === 0) return new Map();
  const rows = await executeBound<{ account_number: string; seller_id: string }>(
    em,
    `select account_number, seller_id::text as seller_id from collection_account where account_number in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(numbers)],
  );
  const sellers = [...new Set(rows.map((r) => r.seller_id))].sort();
  // One statement; the rows are locked in the subquery's order (sorted), so two batches never wait in a cycle.
  if (sellers.length > 0) {
    await executeBound(em, `select count(pg_advisory_xact_lock(hashtextextended('matching:' || s, 0))) from (select jsonb_array_elements_text(?::jsonb) as s order by 1) t`, [JSON.stringify(sellers)]);
  }
  return new Map(rows.map((r) => [r.account_number, r.seller_id]));
}
