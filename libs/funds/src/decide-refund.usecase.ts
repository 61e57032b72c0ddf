import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { needsFourEyes } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import type { RefundStatus } from './funds.entities';
import { assertRefundable, carryOutRefund, lockRefund } from './refund-acceptance';
import type { RefundActor } from './refund-actor';
import { checkRefundDecision } from './refund.rules';

export interface RefundDecided {
  refundId: string;
  status: RefundStatus;
  /** Four eyes: the acceptance is recorded and the money waits for finance (`POST /refunds/{id}/approve`). */
  awaitingApproval?: boolean;
}

/**
 * `POST /refunds/{id}/accept|reject` (seller side) and the buyer's equivalents (signed link): the
 * side that did not open the refund decides. Accepted: CREDITED -> REFUNDED in the same transaction
 * (refused if the funds are no longer there), and `refund.requested` for the bank, to the payer of
 * the order's latest associated remittance.
 *
 * Four eyes on money: above the currency's `FOUR_EYES_ABOVE` threshold (default: every amount) an
 * acceptance only records itself (`four_eyes_request` kind REFUND; the refund stays OPEN, so the
 * order's withdrawals still wait) and finance releases it (`ApproveRefund`). A rejection meanwhile
 * withdraws the waiting acceptance.
 */
@Injectable()
export class DecideRefund {
  constructor(
    private readonly orm: MikroORM,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'fourEyesAbove'>,
  ) {}

  async execute(refundId: string, accept: boolean, by: RefundActor, note: string | null = null): Promise<RefundDecided> {
    return this.orm.em.fork().transactional(async (em) => {
      const r = await lockRefund(em, refundId);
      if (!r || (by.sellerId !== null && by.sellerId !== r.seller_id) || (by.side === 'BUYER' && by.actor !== `buyer:${r.order_no}`)) throw new DomainError('FUNDS.REFUND_NOT_FOUND', `refund ${refundId} not found`, 'not-found');
      const verdict = checkRefundDecision(r.status as RefundStatus, r.opened_by, by.side);
      if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, 'conflict');
      const now = new Date();
      const [pending] = await em.execute<Array<{ id: string; requested_by: string }>>(`select id, requested_by from four_eyes_request where kind = 'REFUND' and subject_id = ? and status = 'PENDING' for update`, [r.id]);
      if (!accept) {
        if (pending) await em.execute(`update four_eyes_request set status = 'WITHDRAWN', decided_by = ?, decided_at = ? where id = ?`, [by.actor, now, pending.id]);
        await em.execute(`update refund set status = 'REJECTED', decided_by = ?, decided_at = ?, decision_note = ? where id = ?`, [by.actor, now, note, r.id]);
        return { refundId: r.id, status: 'REJECTED' as const };
      }
      if (pending) throw new DomainError('FOUR_EYES.AWAITING_APPROVAL', `refund ${r.id} was accepted by ${pending.requested_by} and waits for finance to approve it`, 'conflict');
      if (needsFourEyes(this.config.fourEyesAbove, r.currency, r.amount)) {
        await assertRefundable(em, r);
        await em.execute(
          `insert into four_eyes_request (id, kind, subject_id, currency, amount, payload, requested_by, requested_at, status) values (?, 'REFUND', ?, ?, ?, ?, ?, ?, 'PENDING')`,
          [randomUUID(), r.id, r.currency, r.amount, JSON.stringify({ side: by.side, note, firstApprovedBy: null }), by.actor, now],
        );
        return { refundId: r.id, status: 'OPEN' as const, awaitingApproval: true };
      }
      await carryOutRefund(em, r, { decidedBy: by.actor, note, firstApprovedBy: null, approvedBy: null, now });
      return { refundId: r.id, status: 'ACCEPTED' as const };
    });
  }
}
