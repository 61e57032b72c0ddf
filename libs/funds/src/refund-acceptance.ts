import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, refundRequestedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { toMinorUnits } from '@ereceipt/money';
import type { RefundSide } from './funds.entities';
import { moveLines } from './ledger.rules';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';

/** A refund row as the deciding use cases read it (locked `for update`). */
export interface LockedRefund {
  id: string;
  seller_id: string;
  order_no: string;
  currency: string;
  amount: string;
  reason: string;
  status: string;
  opened_by: RefundSide;
}

export async function lockRefund(em: EntityManager, refundId: string): Promise<LockedRefund | undefined> {
  const [r] = await em.execute<LockedRefund[]>(`select id, seller_id, order_no, currency, amount::text as amount, reason, status, opened_by from refund where id = ? for update`, [refundId]);
  return r;
}

/** The order's credited funds cover the refund (its CREDITED row locked, like a withdrawal), or 409. */
export async function assertRefundable(em: EntityManager, r: LockedRefund): Promise<bigint> {
  const amount = toMinorUnits(r.amount, r.currency);
  const credited = await lockBalance(em, { sellerId: r.seller_id, currency: r.currency, kind: 'CREDITED', orderNo: r.order_no });
  if (credited < amount) throw new DomainError('FUNDS.REFUND_EXCEEDS_REFUNDABLE', `refund ${r.id}: only ${r.currency} ${credited} minor units of ${r.order_no} are still credited`, 'conflict');
  return amount;
}

/**
 * An accepted refund leaves: CREDITED -> REFUNDED, the refund ACCEPTED (with who accepted it and,
 * under four eyes, the finance people who approved it), and `refund.requested` for the bank, to the
 * payer of the order's latest approved remittance. In the caller's transaction.
 */
export async function carryOutRefund(
  em: EntityManager,
  r: LockedRefund,
  decision: { decidedBy: string; note: string | null; firstApprovedBy: string | null; approvedBy: string | null; now: Date },
): Promise<void> {
  const amount = await assertRefundable(em, r);
  const actor = decision.approvedBy ?? decision.decidedBy;
  const names = decision.approvedBy ? `; accepted by ${decision.decidedBy}, approved by ${[decision.firstApprovedBy, decision.approvedBy].filter(Boolean).join(' and ')}` : '';
  await postEntry(em, { kind: 'REFUND', sellerId: r.seller_id, memo: `refund ${r.id} of ${r.order_no}${names}`, actor }, moveLines(r.seller_id, r.currency, r.order_no, 'CREDITED', 'REFUNDED', amount));
  await em.execute(`update refund set status = 'ACCEPTED', decided_by = ?, decided_at = ?, decision_note = ?, first_approved_by = ?, approved_by = ? where id = ?`, [
    decision.decidedBy,
    decision.now,
    decision.note,
    decision.firstApprovedBy,
    decision.approvedBy,
    r.id,
  ]);
  const [payer] = await em.execute<Array<{ payer_name: string | null; payer_account: string | null }>>(
    `select m.payer_name, m.payer_account from association_allocation al join remittance_association a on a.id = al.association_id join remittance m on m.id = a.remittance_id
      where al.order_no = ? and a.status = 'APPROVED' order by a.created_at desc limit 1`,
    [r.order_no],
  );
  const outbox = new OutboxWriter(em);
  await outbox.appendEvent(refundRequestedV1, {
    key: r.id,
    data: { instructionId: r.id, orderNo: r.order_no, sellerId: r.seller_id, currency: r.currency, amount: r.amount, reason: r.reason, openedBy: r.opened_by, destination: { name: payer?.payer_name ?? '', account: payer?.payer_account ?? null }, acceptedAt: decision.now.toISOString() },
  });
  await outbox.notifyRelay();
}
