import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { addAmounts } from '@ereceipt/money';
import type { BalanceDto, WithdrawalDto } from './funds.dto';

const BUCKETS = ['UNASSOCIATED', 'UNDER_REVIEW', 'CREDITED', 'WITHDRAWING', 'WITHDRAWN', 'REFUNDED', 'FEES'] as const;

/** Reads for `GET /balances` and `GET /withdrawals`; a seller sees only its own. */
@Injectable()
export class FundsQueries {
  constructor(private readonly orm: MikroORM) {}

  private sellerScope(principal: Principal, sellerId: string | undefined): string | null {
    if (principal.role === 'seller') {
      if (sellerId && sellerId !== principal.sellerId) throw new DomainError('FUNDS.FORBIDDEN', 'a seller reads only its own funds', 'forbidden');
      return principal.sellerId;
    }
    return sellerId ?? null;
  }

  async balances(principal: Principal, sellerId?: string): Promise<BalanceDto[]> {
    const scope = this.sellerScope(principal, sellerId);
    const rows = await this.orm.em.fork().execute<Array<{ seller_id: string; currency: string; kind: string; balance: string }>>(
      `select seller_id, currency, kind, sum(balance)::text as balance from ledger_account where kind in (${BUCKETS.map(() => '?').join(', ')}) ${scope ? 'and seller_id = ?' : ''}
        group by seller_id, currency, kind order by seller_id, currency`,
      [...BUCKETS, ...(scope ? [scope] : [])],
    );
    const out = new Map<string, BalanceDto>();
    for (const r of rows) {
      const k = `${r.seller_id}|${r.currency}`;
      const b = out.get(k) ?? { sellerId: r.seller_id, currency: r.currency, unassociated: '0', underReview: '0', credited: '0', withdrawing: '0', withdrawn: '0', refunded: '0', fees: '0' };
      const field = ({ UNASSOCIATED: 'unassociated', UNDER_REVIEW: 'underReview', CREDITED: 'credited', WITHDRAWING: 'withdrawing', WITHDRAWN: 'withdrawn', REFUNDED: 'refunded', FEES: 'fees' } as const)[r.kind as (typeof BUCKETS)[number]];
      b[field] = r.balance;
      out.set(k, b);
    }
    return [...out.values()].map((b) => ({ ...b, unassociated: addAmounts(b.currency, b.unassociated), underReview: addAmounts(b.currency, b.underReview), credited: addAmounts(b.currency, b.credited), withdrawing: addAmounts(b.currency, b.withdrawing), withdrawn: addAmounts(b.currency, b.withdrawn), refunded: addAmounts(b.currency, b.refunded), fees: addAmounts(b.currency, b.fees) }));
  }

  async withdrawals(principal: Principal, filter: { sellerId?: string | undefined; orderNo?: string | undefined; status?: string | undefined }): Promise<WithdrawalDto[]> {
    const scope = this.sellerScope(principal, filter.sellerId);
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['seller_id', scope], ['order_no', filter.orderNo], ['status', filter.status]] as const) {
      if (!value) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await this.orm.em.fork().execute<Array<{ id: string; seller_id: string; order_no: string; currency: string; amount: string; status: WithdrawalDto['status']; trigger: WithdrawalDto['trigger']; requested_by: string; requested_at: Date; result_at: Date | null; bank_ref: string | null; failure_reason: string | null }>>(
      `select id, seller_id, order_no, currency, amount::text as amount, status, trigger, requested_by, requested_at, result_at, bank_ref, failure_reason from withdrawal ${where.length ? `where ${where.join(' and ')}` : ''} order by requested_at desc, id limit 500`,
      params,
    );
    return rows.map((r) => ({ instructionId: r.id, sellerId: r.seller_id, orderNo: r.order_no, currency: r.currency, amount: addAmounts(r.currency, r.amount), status: r.status, trigger: r.trigger, requestedBy: r.requested_by, requestedAt: new Date(r.requested_at).toISOString(), resultAt: r.result_at ? new Date(r.result_at).toISOString() : null, bankRef: r.bank_ref, failureReason: r.failure_reason }));
  }
}
