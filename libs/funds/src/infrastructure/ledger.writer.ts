import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { fromMinorUnits, toMinorUnits } from '@ereceipt/money';
import { type AccountKey, CONTRA_KINDS, type EntryKind, imbalance, normaliseLines, type PlannedLine } from '../ledger.rules';

export interface NewEntry {
  kind: EntryKind;
  sellerId: string;
  memo: string;
  actor: string;
  remittanceId?: string | null;
  associationId?: string | null;
  withdrawalId?: string | null;
  reversesEntryId?: string | null;
}

/** The balance of an account in minor units, the row locked until the transaction ends (0 when it does not exist yet). */
export async function lockBalance(em: EntityManager, key: AccountKey): Promise<bigint> {
  const [row] = await em.execute<Array<{ balance: string }>>(
    `select balance::text as balance from ledger_account where seller_id = ? and currency = ? and kind = ? and order_no = ? for update`,
    [key.sellerId, key.currency, key.kind, key.orderNo],
  );
  return row ? toMinorUnits(row.balance, key.currency) : 0n;
}

/**
 * Update first, insert when the account is new. Not `insert ... on conflict do update`: PostgreSQL
 * checks the CHECK constraint on the proposed row before the conflict, so a debit of an existing
 * account would be refused as if the account were new.
 */
async function addToAccount(em: EntityManager, l: PlannedLine): Promise<string> {
  const amount = fromMinorUnits(l.amount, l.currency);
  for (;;) {
    const [updated] = await em.execute<Array<{ id: string }>>(`update ledger_account set balance = balance + ? where seller_id = ? and currency = ? and kind = ? and order_no = ? returning id`, [amount, l.sellerId, l.currency, l.kind, l.orderNo]);
    if (updated) return updated.id;
    const [inserted] = await em.execute<Array<{ id: string }>>(
      `insert into ledger_account (id, seller_id, currency, kind, order_no, balance) values (?, ?, ?, ?, ?, ?) on conflict (seller_id, currency, kind, order_no) do nothing returning id`,
      [randomUUID(), l.sellerId, l.currency, l.kind, l.orderNo, amount],
    );
    if (inserted) return inserted.id;
  }
}

/**
 * Writes one balanced entry in the caller's transaction. Accounts are updated first, in a fixed
 * order (the row locks serialise every movement of the same account and cannot deadlock), then the
 * entry gets its id, so per account the entry ids follow the commit order. A bucket that would go
 * negative is refused by the CHECK constraint and reported as a conflict.
 */
export async function postEntry(em: EntityManager, entry: NewEntry, planned: readonly PlannedLine[]): Promise<string | null> {
  const lines = normaliseLines(planned);
  if (lines.length === 0) return null;
  const off = imbalance(lines);
  if (off.size > 0) throw new Error(`unbalanced ${entry.kind} entry: ${[...off].map(([c, s]) => `${c} ${s}`).join(', ')}`);
  const accountIds: string[] = [];
  for (const l of lines) {
    try {
      accountIds.push(await addToAccount(em, l));
    } catch (e) {
      if ((e as { code?: string }).code === '23514' && !CONTRA_KINDS.includes(l.kind)) {
        throw new DomainError('FUNDS.INSUFFICIENT', `${l.kind} of order ${l.orderNo || '(seller)'} in ${l.currency} cannot go negative`, 'conflict');
      }
      throw e;
    }
  }
  const [e] = await em.execute<Array<{ id: string }>>(
    `insert into ledger_entry (kind, seller_id, remittance_id, association_id, withdrawal_id, reverses_entry_id, memo, actor, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning id::text as id`,
    [entry.kind, entry.sellerId, entry.remittanceId ?? null, entry.associationId ?? null, entry.withdrawalId ?? null, entry.reversesEntryId ?? null, entry.memo, entry.actor],
  );
  const entryId = e.id;
  await em.execute(
    `insert into ledger_line (entry_id, account_id, amount) values ${lines.map(() => '(?, ?, ?)').join(', ')}`,
    lines.flatMap((l, i) => [entryId, accountIds[i], fromMinorUnits(l.amount, l.currency)]),
  );
  return entryId;
}
