import type { EntityManager } from '@mikro-orm/postgresql';
import { toMinorUnits } from '@ereceipt/money';
import type { AccountKind, BookLine, EntryKind, PlannedLine, StoredBalance } from '../ledger.rules';

interface LineRow {
  entry_id: string;
  entry_kind: EntryKind;
  seller_id: string;
  currency: string;
  kind: AccountKind;
  order_no: string;
  amount: string;
}

/** The lines an association's entries put in its own buckets (UNDER_REVIEW, CREDITED, FEES), summed per account. */
export async function associationPosition(em: EntityManager, associationId: string): Promise<PlannedLine[]> {
  const rows = await em.execute<Array<{ seller_id: string; currency: string; kind: AccountKind; order_no: string; amount: string }>>(
    `select a.seller_id, a.currency, a.kind, a.order_no, sum(l.amount)::text as amount
       from ledger_entry e join ledger_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
      where e.association_id = ? and a.kind in ('UNDER_REVIEW', 'CREDITED', 'FEES')
      group by a.seller_id, a.currency, a.kind, a.order_no`,
    [associationId],
  );
  return rows.map((r) => ({ sellerId: r.seller_id, currency: r.currency, kind: r.kind, orderNo: r.order_no, amount: toMinorUnits(r.amount, r.currency) }));
}

/** Every line of the book with its entry's commit order, and every stored balance (for `ledger verify`). */
export async function loadBook(em: EntityManager): Promise<{ lines: BookLine[]; stored: StoredBalance[] }> {
  const rows = await em.execute<LineRow[]>(
    `select e.id::text as entry_id, e.kind as entry_kind, a.seller_id, a.currency, a.kind, a.order_no, l.amount::text as amount
       from ledger_line l join ledger_entry e on e.id = l.entry_id join ledger_account a on a.id = l.account_id
      order by e.id, l.id`,
  );
  const accounts = await em.execute<Array<{ seller_id: string; currency: string; kind: AccountKind; order_no: string; balance: string }>>(`select seller_id, currency, kind, order_no, balance::text as balance from ledger_account`);
  return {
    lines: rows.map((r) => ({ entryId: r.entry_id, seq: BigInt(r.entry_id), entryKind: r.entry_kind, sellerId: r.seller_id, currency: r.currency, kind: r.kind, orderNo: r.order_no, amount: toMinorUnits(r.amount, r.currency) })),
    stored: accounts.map((a) => ({ sellerId: a.seller_id, currency: a.currency, kind: a.kind, orderNo: a.order_no, balance: toMinorUnits(a.balance, a.currency) })),
  };
}
