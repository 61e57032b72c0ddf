import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, needsFourEyes, type Principal, samePerson } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError, remittanceReturnRequestedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { fromMinorUnits, isValidAmount, toMinorUnits } from '@ereceipt/money';
import { normaliseLines, receiptLines } from './ledger.rules';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';
import { returnFee } from './return-fee.rules';

/**
 * `POST /remittances/{id}/return` (finance, admin): a remittance that cannot be associated
 * (PENDING_ASSOCIATION or FOLLOW_UP, no live association) goes back to its payer less a fee
 * (`RETURN_FEES` for its currency, or the one given). Ledger: UNASSOCIATED -> REFUNDED (paid back) + FEES (kept);
 * the remittance becomes RETURNED; `remittance.return-requested` for the bank. A FAILED result
 * reverses it and the remittance goes back to where it was.
 *
 * Four eyes: above the currency's `FOUR_EYES_ABOVE` threshold (default: every amount) the first call
 * (finance or admin) only records the request (`four_eyes_request`, status AWAITING_SECOND_APPROVAL,
 * nothing moves); the same call by a second, different finance person carries it out with the fee
 * of the request. The proposer is refused (FOUR_EYES.SAME_PERSON); both names are on the return
 * (`requested_by`, `approved_by`) and in its event.
 */
@Injectable()
export class ReturnRemittance {
  constructor(
    private readonly orm: MikroORM,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'returnFees'> & Partial<Pick<HubConfig, 'fourEyesAbove'>>,
  ) {}

  async execute(
    remittanceId: string,
    body: { fee?: string | undefined },
    principal: Principal,
  ): Promise<{ instructionId: string | null; amount: string; fee: string; currency: string; status: 'REQUESTED' | 'AWAITING_SECOND_APPROVAL'; requestedBy: string; approvedBy: string | null }> {
    if (principal.role !== 'finance' && principal.role !== 'admin') throw new DomainError('FUNDS.FORBIDDEN', 'only finance or an admin returns a remittance', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const [r] = await em.execute<Array<{ id: string; seller_id: string | null; currency: string; amount: string; status: string; payer_name: string | null; payer_account: string | null; payer_bic: string | null }>>(
        `select id, seller_id, currency, amount::text as amount, status, payer_name, payer_account, payer_bic from remittance where id = ? for update`,
        [remittanceId],
      );
      if (!r) throw new DomainError('FUNDS.REMITTANCE_NOT_FOUND', `remittance ${remittanceId} not found`, 'not-found');
      if (r.status !== 'PENDING_ASSOCIATION' && r.status !== 'FOLLOW_UP' && r.status !== 'IDENTITY_CONFLICT') throw new DomainError('FUNDS.NOT_RETURNABLE', `remittance ${r.id} is ${r.status}; only an unassociated one (PENDING_ASSOCIATION, FOLLOW_UP, IDENTITY_CONFLICT) is returned`, 'conflict');
      if (!r.seller_id) throw new DomainError('FUNDS.NOT_RETURNABLE', `remittance ${r.id} reached no known collection account: the ledger holds no seller account for it`, 'conflict');
      const actor = actorOf(principal);
      const fourEyes = needsFourEyes(this.config.fourEyesAbove ?? {}, r.currency, r.amount);
      const [pending] = fourEyes
        ? await em.execute<Array<{ id: string; requested_by: string; fee: string }>>(`select id, requested_by, payload->>'fee' as fee from four_eyes_request where kind = 'RETURN' and subject_id = ? and status = 'PENDING' for update`, [r.id])
        : [];
      if (pending && samePerson(pending.requested_by, actor)) throw new DomainError('FOUR_EYES.SAME_PERSON', `${principal.name} asked for this return; a second finance person carries it out`, 'forbidden');
      if (pending && principal.role !== 'finance') throw new DomainError('FOUR_EYES.FINANCE_ONLY', 'the second pair of eyes on a return is a finance person', 'forbidden');
      if (pending && body.fee !== undefined && body.fee !== pending.fee) throw new DomainError('FOUR_EYES.DIFFERENT_REQUEST', `the return waiting for approval keeps a fee of ${pending.fee}; withdraw it to ask for another`, 'conflict');
      const fee = pending?.fee ?? body.fee ?? returnFee(r.currency, this.config.returnFees);
      if (!isValidAmount(fee, r.currency)) throw new DomainError('FUNDS.INVALID', `fee: ${fee} is not an amount in ${r.currency}`, 'invalid');
      const total = toMinorUnits(r.amount, r.currency);
      const feeMinor = toMinorUnits(fee, r.currency);
      if (feeMinor >= total) throw new DomainError('FUNDS.INVALID', `fee: ${fee} is not below the remittance amount ${r.amount}`, 'invalid');
      if (fourEyes && !pending) {
        await em.execute(
          `insert into four_eyes_request (id, kind, subject_id, currency, amount, payload, requested_by, requested_at, status) values (?, 'RETURN', ?, ?, ?, ?, ?, ?, 'PENDING')`,
          [randomUUID(), r.id, r.currency, r.amount, JSON.stringify({ fee: fromMinorUnits(feeMinor, r.currency) }), actor, new Date()],
        );
        return { instructionId: null, amount: fromMinorUnits(total - feeMinor, r.currency), fee: fromMinorUnits(feeMinor, r.currency), currency: r.currency, status: 'AWAITING_SECOND_APPROVAL' as const, requestedBy: actor, approvedBy: null };
      }
      const requestedBy = pending?.requested_by ?? actor;
      const approvedBy = pending ? actor : null;
      if (pending) await em.execute(`update four_eyes_request set status = 'DONE', decided_by = ?, decided_at = ? where id = ?`, [actor, new Date(), pending.id]);
      const sellerId = r.seller_id;
      const [receipt] = await em.execute<Array<{ id: string }>>(`select id from ledger_entry where kind = 'RECEIPT' and remittance_id = ?`, [r.id]);
      if (!receipt) await postEntry(em, { kind: 'RECEIPT', sellerId, remittanceId: r.id, memo: `remittance ${r.id} received`, actor: 'system' }, receiptLines(sellerId, r.currency, total));
      if ((await lockBalance(em, { sellerId, currency: r.currency, kind: 'UNASSOCIATED', orderNo: '' })) < total) throw new DomainError('FUNDS.INSUFFICIENT', `the unassociated funds of seller ${sellerId} in ${r.currency} do not hold remittance ${r.id}`, 'conflict');
      const id = randomUUID();
      const paidBack = total - feeMinor;
      const amount = fromMinorUnits(paidBack, r.currency);
      await postEntry(em, { kind: 'REFUND', sellerId, remittanceId: r.id, memo: `return ${id} of remittance ${r.id} (fee ${fee})`, actor }, normaliseLines([
        { sellerId, currency: r.currency, kind: 'UNASSOCIATED', orderNo: '', amount: -total },
        { sellerId, currency: r.currency, kind: 'REFUNDED', orderNo: '', amount: paidBack },
        { sellerId, currency: r.currency, kind: 'FEES', orderNo: '', amount: feeMinor },
      ]));
      const now = new Date();
      await em.execute(
        `insert into remittance_return (id, remittance_id, seller_id, currency, amount, fee, status, previous_status, requested_by, approved_by, requested_at) values (?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?)`,
        [id, r.id, sellerId, r.currency, amount, fromMinorUnits(feeMinor, r.currency), r.status, requestedBy, approvedBy, now],
      );
      await em.execute(`update remittance set status = 'RETURNED' where id = ?`, [r.id]);
      const outbox = new OutboxWriter(em);
      await outbox.appendEvent(remittanceReturnRequestedV1, {
        key: r.id,
        data: { instructionId: id, remittanceId: r.id, sellerId, currency: r.currency, amount, fee: fromMinorUnits(feeMinor, r.currency), destination: { name: r.payer_name ?? '', account: r.payer_account, bic: r.payer_bic }, requestedBy, requestedAt: now.toISOString() },
      });
      await outbox.notifyRelay();
      return { instructionId: id, amount, fee: fromMinorUnits(feeMinor, r.currency), currency: r.currency, status: 'REQUESTED' as const, requestedBy, approvedBy };
    });
  }
}
