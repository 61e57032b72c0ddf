import type { EntityManager } from '@mikro-orm/postgresql';
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

/** The sellers owning these beneficiary accounts, locked in sorted order (see above). */
export async function lockSellersOfAccounts(em: EntityManager, accounts: Array<string | null>): Promise<void> {
  const numbers = [...new Set(accounts.filter((a): a is string => !!a).map(normaliseAccount))];
  if (numbers.length === 0) return;
  const rows = await em.execute<Array<{ seller_id: string }>>(`select distinct seller_id from collection_account where account_number in (${numbers.map(() => '?').join(', ')})`, numbers);
  for (const id of rows.map((r) => r.seller_id).sort()) await lockSellerForMatching(em, id);
}
