import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { addAmounts, compareAmounts } from '@ereceipt/money';
import type { FundsReportSource } from './funds-report.port';
import type { CountAmount, Discrepancy, FundsSection, LedgerProofLine, ReportFilter } from './reconciliation-report';

const START = `(?::date::timestamp at time zone 'UTC')`;
const END = `((?::date + 1)::timestamp at time zone 'UTC')`;

/**
 * The funds section read from libs/funds' tables (ledger_account, ledger_entry, ledger_line,
 * withdrawal) with SQL only, so reports does not import funds. The bank filter does not apply to
 * the ledger (its accounts are per seller and currency).
 */
@Injectable()
export class FundsLedgerSource implements FundsReportSource {
  constructor(private readonly orm: MikroORM) {}

  private scope(f: ReportFilter, alias: string): { sql: string; params: unknown[] } {
    const sql: string[] = [];
    const params: unknown[] = [];
    if (f.sellerId) {
      sql.push(`${alias}.seller_id = ?`);
      params.push(f.sellerId);
    }
    if (f.currency) {
      sql.push(`${alias}.currency = ?`);
      params.push(f.currency);
    }
    return { sql: sql.map((s) => ` and ${s}`).join(''), params };
  }

  async section(f: ReportFilter): Promise<Omit<FundsSection, 'available' | 'note'>> {
    const em = this.orm.em.fork();
    return { ledgerProof: await this.proof(em, f), fxSettled: await this.fx(em, f), withdrawals: await this.withdrawals(em, f), refunds: await this.refunds(em, f) };
  }

  /**
   * Per seller, currency and account kind: opening (lines of entries before `from`), movements
   * (entries in the period), closing (all lines to the end of `to`, summed on their own), and, when
   * the period reaches now, the stored balances must equal the closing.
   */
  private async proof(em: EntityManager, f: ReportFilter): Promise<LedgerProofLine[]> {
    const s = this.scope(f, 'a');
    const rows = await em.execute<Array<{ seller_id: string; currency: string; kind: string; opening: string; movements: string; closing: string; stored: string }>>(
      `select a.seller_id, a.currency, a.kind,
         coalesce(sum(l.amount) filter (where e.created_at < ${START}), 0)::text as opening,
         coalesce(sum(l.amount) filter (where e.created_at >= ${START} and e.created_at < ${END}), 0)::text as movements,
         coalesce(sum(l.amount) filter (where e.created_at < ${END}), 0)::text as closing,
         (select coalesce(sum(b.balance), 0) from ledger_account b where b.seller_id = a.seller_id and b.currency = a.currency and b.kind = a.kind)::text as stored
       from ledger_account a left join ledger_line l on l.account_id = a.id left join ledger_entry e on e.id = l.entry_id
       where true${s.sql} group by a.seller_id, a.currency, a.kind order by a.currency, a.seller_id, a.kind`,
      [f.from, f.from, f.to, f.to, ...s.params],
    );
    const reachesNow = Date.parse(f.to) + 86_400_000 > Date.now();
    return rows.map((r) => {
      const sum = addAmounts(r.currency, r.opening, r.movements);
      const closing = addAmounts(r.currency, r.closing);
      const proven = compareAmounts(sum, closing) === 0 && (!reachesNow || compareAmounts(closing, r.stored) === 0);
      return { sellerId: r.seller_id, currency: r.currency, account: r.kind, opening: addAmounts(r.currency, r.opening), movements: addAmounts(r.currency, r.movements), closing, proven };
    });
  }

  private async withdrawals(em: EntityManager, f: ReportFilter): Promise<FundsSection['withdrawals']> {
    const s = this.scope(f, 'w');
    const rows = await em.execute<Array<{ currency: string; status: string; n: number; amount: string }>>(
      `select w.currency, w.status, count(*)::int as n, sum(w.amount)::text as amount from withdrawal w
       where w.requested_at >= ${START} and w.requested_at < ${END}${s.sql} group by 1, 2 order by 1, 2`,
      [f.from, f.to, ...s.params],
    );
    const out = new Map<string, FundsSection['withdrawals'][number]>();
    const zero = (c: string): CountAmount => ({ count: 0, amount: addAmounts(c) });
    for (const r of rows) {
      const w = out.get(r.currency) ?? { currency: r.currency, requested: zero(r.currency), completed: zero(r.currency), failed: zero(r.currency) };
      w.requested = { count: w.requested.count + r.n, amount: addAmounts(r.currency, w.requested.amount, r.amount) };
      if (r.status === 'COMPLETED') w.completed = { count: r.n, amount: addAmounts(r.currency, r.amount) };
      if (r.status === 'FAILED') w.failed = { count: r.n, amount: addAmounts(r.currency, r.amount) };
      out.set(r.currency, w);
    }
    return [...out.values()];
  }

  /** Refunds opened in the period (libs/funds' refund portal): requested = all of them, completed = paid out by the bank. */
  private async refunds(em: EntityManager, f: ReportFilter): Promise<FundsSection['refunds']> {
    const s = this.scope(f, 'x');
    const rows = await em.execute<Array<{ currency: string; n: number; amount: string; done_n: number; done_amount: string }>>(
      `select x.currency, count(*)::int as n, sum(x.amount)::text as amount,
         count(*) filter (where x.status = 'COMPLETED')::int as done_n, coalesce(sum(x.amount) filter (where x.status = 'COMPLETED'), 0)::text as done_amount
       from refund x where x.opened_at >= ${START} and x.opened_at < ${END}${s.sql} group by 1 order by 1`,
      [f.from, f.to, ...s.params],
    );
    return rows.map((r) => ({ currency: r.currency, requested: { count: r.n, amount: addAmounts(r.currency, r.amount) }, completed: { count: r.done_n, amount: addAmounts(r.currency, r.done_amount) } }));
  }

  /** FX settlements of the period (fx_settlement, not reversed): source amount and what it became in the settlement currency. */
  private async fx(em: EntityManager, f: ReportFilter): Promise<FundsSection['fxSettled']> {
    const s = this.scope({ ...f, currency: null }, 'x');
    const currency = f.currency ? ` and x.source_currency = ?` : '';
    const rows = await em.execute<Array<{ currency: string; settlement_currency: string; n: number; amount: string; settled: string }>>(
      `select x.source_currency as currency, x.target_currency as settlement_currency, count(*)::int as n, sum(x.source_amount)::text as amount, sum(x.target_amount)::text as settled
       from fx_settlement x where x.reversed_at is null and x.settled_at >= ${START} and x.settled_at < ${END}${s.sql}${currency} group by 1, 2 order by 1, 2`,
      [f.from, f.to, ...s.params, ...(f.currency ? [f.currency] : [])],
    );
    return rows.map((r) => ({ currency: r.currency, settlementCurrency: r.settlement_currency, count: r.n, amount: addAmounts(r.currency, r.amount), settledAmount: addAmounts(r.settlement_currency, r.settled) }));
  }

  /** Entries of the period whose lines do not sum to zero per currency, and proof lines that fail. */
  async discrepancies(f: ReportFilter): Promise<Discrepancy[]> {
    const em = this.orm.em.fork();
    const s = this.scope(f, 'a');
    const unbalanced = await em.execute<Array<{ id: string; currency: string; total: string }>>(
      `select e.id::text as id, a.currency, sum(l.amount)::text as total from ledger_entry e join ledger_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
       where e.created_at >= ${START} and e.created_at < ${END}${s.sql} group by e.id, a.currency having sum(l.amount) <> 0 order by 1 limit 200`,
      [f.from, f.to, ...s.params],
    );
    const out: Discrepancy[] = [];
    for (const currency of [...new Set(unbalanced.map((u) => u.currency))]) {
      out.push({ code: 'LEDGER_ENTRY_UNBALANCED', currency, message: 'a ledger entry whose lines do not sum to zero', records: unbalanced.filter((u) => u.currency === currency).map((u) => ({ type: 'ledger-entry', id: u.id, detail: `lines sum to ${u.total}` })) });
    }
    const failing = (await this.proof(em, f)).filter((l) => !l.proven);
    for (const l of failing) {
      out.push({ code: 'LEDGER_PROOF_FAILED', currency: l.currency, message: 'opening + movements is not the closing, or the stored balance is not the sum of the lines', records: [{ type: 'ledger-entry', id: `${l.sellerId}/${l.currency}/${l.account}`, detail: `${l.opening} + ${l.movements} vs ${l.closing}` }] });
    }
    return out;
  }
}
