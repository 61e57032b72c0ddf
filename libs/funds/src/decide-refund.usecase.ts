import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, refundRequestedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { toMinorUnits } from '@ereceipt/money';
import type { RefundSide, RefundStatus } from './funds.entities';
import { moveLines } from './ledger.rules';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';
import type { RefundActor } from './refund-actor';
import { checkRefundDecision } from './refund.rules';

/**
 * `POST /refunds/{id}/accept|reject` (seller side) and the buyer's equivalents (signed link): the
 * side that did not open the refund decides. Accepted: CREDITED -> REFUNDED in the same transaction
 * (refused if the funds are no longer there), and `refund.requested` for the bank, to the payer of
 * the order's latest associated remittance.
 */
@Injectable()
export class DecideRefund {
  constructor(private readonly orm: MikroORM) {}

  async execute(refundId: string, accept: boolean, by: RefundActor, note: string | null = null): Promise<{ refundId: string; status: RefundStatus }> {
    return this.orm.em.fork().transactional(async (em) => {
      const [r] = await em.execute<Array<{ id: string; seller_id: string; order_no: string; currency: string; amount: string; reason: string; status: RefundStatus; opened_by: RefundSide }>>(
        `select id, seller_id, order_no, currency, amount::text as amount, reason, status, opened_by from refund where id = ? for update`,
        [refundId],
      );
      if (!r || (by.sellerId !== null && by.sellerId !== r.seller_id) || (by.side === 'BUYER' && by.actor !== `buyer:${r.order_no}`)) throw new DomainError('FUNDS.REFUND_NOT_FOUND', `refund ${refundId} not found`, 'not-found');
      const verdict = checkRefundDecision(r.status, r.opened_by, by.side);
      if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, 'conflict');
      const now = new Date();
      if (!accept) {
        await em.execute(`update refund set status = 'REJECTED', decided_by = ?, decided_at = ?, decision_note = ? where id = ?`, [by.actor, now, note, r.id]);
        return { refundId: r.id, status: 'REJECTED' as const };
      }
      const amount = toMinorUnits(r.amount, r.currency);
      const credited = await lockBalance(em, { sellerId: r.seller_id, currency: r.currency, kind: 'CREDITED', orderNo: r.order_no });
      if (credited < amount) throw new DomainError('FUNDS.REFUND_EXCEEDS_REFUNDABLE', `refund ${r.id}: only ${r.currency} ${credited} minor units of ${r.order_no} are still credited`, 'conflict');
      await postEntry(em, { kind: 'REFUND', sellerId: r.seller_id, memo: `refund ${r.id} of ${r.order_no}`, actor: by.actor }, moveLines(r.seller_id, r.currency, r.order_no, 'CREDITED', 'REFUNDED', amount));
      await em.execute(`update refund set status = 'ACCEPTED', decided_by = ?, decided_at = ?, decision_note = ? where id = ?`, [by.actor, now, note, r.id]);
      const [payer] = await em.execute<Array<{ payer_name: string | null; payer_account: string | null }>>(
        `select m.payer_name, m.payer_account from association_allocation al join remittance_association a on a.id = al.association_id join remittance m on m.id = a.remittance_id
          where al.order_no = ? and a.status = 'APPROVED' order by a.created_at desc limit 1`,
        [r.order_no],
      );
      await new OutboxWriter(em).appendEvent(refundRequestedV1, {
        key: r.id,
        data: { instructionId: r.id, orderNo: r.order_no, sellerId: r.seller_id, currency: r.currency, amount: r.amount, reason: r.reason, openedBy: r.opened_by, destination: { name: payer?.payer_name ?? '', account: payer?.payer_account ?? null }, acceptedAt: now.toISOString() },
      });
      await new OutboxWriter(em).notifyRelay();
      return { refundId: r.id, status: 'ACCEPTED' as const };
    });
  }
}
