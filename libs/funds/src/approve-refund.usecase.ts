import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal, samePerson } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { carryOutRefund, lockRefund } from './refund-acceptance';

export interface RefundApproved {
  refundId: string;
  /** ACCEPTED: the money left (refund.requested); OPEN: a first finance approval is recorded and a second person is awaited. */
  status: 'ACCEPTED' | 'OPEN';
  acceptedBy: string;
  firstApprovedBy: string | null;
  approvedBy: string | null;
}

/** A person of the hub (finance, admin) is a pair of eyes; a buyer or a seller is the counterparty, not a control. */
const isReviewer = (actor: string) => actor.startsWith('finance:') || actor.startsWith('admin:');

/**
 * `POST /refunds/{id}/approve` (finance): releases a refund acceptance that waits under four eyes
 * (`DecideRefund`). Two different people of the hub: when an admin accepted it for the seller, a
 * finance person who is not them releases it; when the buyer or the seller accepted it, a first
 * finance approval is recorded and a second, different finance person releases it (as an
 * association proposed by the engine or a seller needs two finance approvals). The same person twice is
 * refused (FOUR_EYES.SAME_PERSON, 403). The refund records who accepted it and both approvers
 * (`decided_by`, `first_approved_by`, `approved_by`), and so does its ledger entry's memo.
 */
@Injectable()
export class ApproveRefund {
  constructor(private readonly orm: MikroORM) {}

  async execute(refundId: string, principal: Principal): Promise<RefundApproved> {
    if (principal.role !== 'finance') throw new DomainError('FOUR_EYES.FINANCE_ONLY', 'a finance person approves a refund acceptance', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const r = await lockRefund(em, refundId);
      if (!r) throw new DomainError('FUNDS.REFUND_NOT_FOUND', `refund ${refundId} not found`, 'not-found');
      const [pending] = await em.execute<Array<{ id: string; requested_by: string; payload: { note?: string | null; firstApprovedBy?: string | null } }>>(
        `select id, requested_by, payload from four_eyes_request where kind = 'REFUND' and subject_id = ? and status = 'PENDING' for update`,
        [r.id],
      );
      if (!pending || r.status !== 'OPEN') throw new DomainError('FUNDS.REFUND_NOT_AWAITING_APPROVAL', `refund ${r.id} is ${r.status} and waits for no approval`, 'conflict');
      const me = actorOf(principal);
      const acceptedBy = pending.requested_by;
      const first = isReviewer(acceptedBy) ? acceptedBy : (pending.payload.firstApprovedBy ?? null);
      if (first && samePerson(first, me)) {
        throw new DomainError('FOUR_EYES.SAME_PERSON', `${principal.name} ${first === acceptedBy ? 'accepted' : 'already approved'} refund ${r.id}; a second finance person approves it`, 'forbidden');
      }
      const now = new Date();
      if (!first) {
        await em.execute(`update four_eyes_request set payload = payload || ?::jsonb where id = ?`, [JSON.stringify({ firstApprovedBy: me, firstApprovedAt: now.toISOString() }), pending.id]);
        return { refundId: r.id, status: 'OPEN' as const, acceptedBy, firstApprovedBy: me, approvedBy: null };
      }
      await em.execute(`update four_eyes_request set status = 'DONE', decided_by = ?, decided_at = ? where id = ?`, [me, now, pending.id]);
      await carryOutRefund(em, r, { decidedBy: acceptedBy, note: pending.payload.note ?? null, firstApprovedBy: first, approvedBy: me, now });
      return { refundId: r.id, status: 'ACCEPTED' as const, acceptedBy, firstApprovedBy: first, approvedBy: me };
    });
  }
}
