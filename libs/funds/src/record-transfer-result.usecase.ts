import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, refundCompletedV1, refundFailedV1, withdrawalCompletedV1, withdrawalFailedV1 } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { toMinorUnits } from '@ereceipt/money';
import type { RefundStatus, WithdrawalStatus } from './funds.entities';
import { moveLines } from './ledger.rules';
import { postEntry } from './infrastructure/ledger.writer';
import { resultTransition, type TransferResult } from './transfer-result.rules';

/**
 * A bank result for a withdrawal, in the pipeline's transaction: the withdrawal row is locked, so a
 * result takes effect once whatever the redeliveries. COMPLETED: WITHDRAWING -> WITHDRAWN; FAILED:
 * WITHDRAWING -> CREDITED (withdrawable again). The same result again is a no-op; a contradicting
 * one, or an unknown instruction, is refused (DLQ, nothing dropped silently).
 */
export async function recordTransferResult(em: EntityManager, outbox: OutboxWriter, result: TransferResult, correlationId?: string): Promise<'APPLIED' | 'REPEAT'> {
  const [w] = await em.execute<Array<{ id: string; seller_id: string; order_no: string; currency: string; amount: string; status: WithdrawalStatus }>>(
    `select id, seller_id, order_no, currency, amount::text as amount, status from withdrawal where id = ? for update`,
    [result.instructionId],
  );
  if (!w) return recordRefundResult(em, outbox, result, correlationId);
  const transition = resultTransition(w.status, result.status);
  if (transition === 'REPEAT') return 'REPEAT';
  if (transition === 'CONFLICT') throw new DomainError('FUNDS.RESULT_CONFLICT', `withdrawal ${w.id} is already ${w.status}; refusing ${result.status}`, 'conflict');
  const now = new Date();
  await em.execute(`update withdrawal set status = ?, result_at = ?, executed_at = ?, bank_ref = ?, failure_reason = ? where id = ?`, [result.status, now, result.executedAt, result.bankRef, result.reason, w.id]);
  const completed = result.status === 'COMPLETED';
  const amount = toMinorUnits(w.amount, w.currency);
  await postEntry(em, { kind: completed ? 'WITHDRAWAL_COMPLETED' : 'WITHDRAWAL_FAILED', sellerId: w.seller_id, withdrawalId: w.id, memo: `withdrawal ${w.id} ${result.status}${result.bankRef ? ` (${result.bankRef})` : ''}`, actor: 'bank' }, moveLines(w.seller_id, w.currency, w.order_no, 'WITHDRAWING', completed ? 'WITHDRAWN' : 'CREDITED', amount));
  const ref = { instructionId: w.id, orderNo: w.order_no, sellerId: w.seller_id, currency: w.currency, amount: w.amount };
  if (completed) await outbox.appendEvent(withdrawalCompletedV1, { key: w.id, correlationId, data: { ...ref, bankRef: result.bankRef, executedAt: result.executedAt } });
  else await outbox.appendEvent(withdrawalFailedV1, { key: w.id, correlationId, data: { ...ref, reason: result.reason, bankRef: result.bankRef, executedAt: result.executedAt } });
  return 'APPLIED';
}

/** A bank result for an accepted refund: COMPLETED stays REFUNDED; FAILED reverses the refund entry (REFUNDED -> CREDITED). */
async function recordRefundResult(em: EntityManager, outbox: OutboxWriter, result: TransferResult, correlationId?: string): Promise<'APPLIED' | 'REPEAT'> {
  const [r] = await em.execute<Array<{ id: string; seller_id: string; order_no: string; currency: string; amount: string; status: RefundStatus }>>(
    `select id, seller_id, order_no, currency, amount::text as amount, status from refund where id = ? for update`,
    [result.instructionId],
  );
  if (!r) return recordReturnResult(em, result);
  if (r.status === 'OPEN' || r.status === 'REJECTED') throw new DomainError('FUNDS.UNKNOWN_INSTRUCTION', `refund ${r.id} is ${r.status}: no instruction was sent`, 'not-found');
  const transition = resultTransition(r.status === 'ACCEPTED' ? 'REQUESTED' : r.status, result.status);
  if (transition === 'REPEAT') return 'REPEAT';
  if (transition === 'CONFLICT') throw new DomainError('FUNDS.RESULT_CONFLICT', `refund ${r.id} is already ${r.status}; refusing ${result.status}`, 'conflict');
  await em.execute(`update refund set status = ?, result_at = now(), bank_ref = ?, failure_reason = ? where id = ?`, [result.status, result.bankRef, result.reason, r.id]);
  const ref = { instructionId: r.id, orderNo: r.order_no, sellerId: r.seller_id, currency: r.currency, amount: r.amount };
  if (result.status === 'COMPLETED') {
    await outbox.appendEvent(refundCompletedV1, { key: r.id, correlationId, data: { ...ref, bankRef: result.bankRef, executedAt: result.executedAt } });
    return 'APPLIED';
  }
  const [entry] = await em.execute<Array<{ id: string }>>(`select id::text as id from ledger_entry where kind = 'REFUND' and memo like ? order by id desc limit 1`, [`refund ${r.id} %`]);
  await postEntry(em, { kind: 'REVERSAL', sellerId: r.seller_id, reversesEntryId: entry?.id ?? null, memo: `refund ${r.id} FAILED${result.reason ? `: ${result.reason}` : ''}`, actor: 'bank' }, moveLines(r.seller_id, r.currency, r.order_no, 'REFUNDED', 'CREDITED', toMinorUnits(r.amount, r.currency)));
  await outbox.appendEvent(refundFailedV1, { key: r.id, correlationId, data: { ...ref, reason: result.reason, bankRef: result.bankRef, executedAt: result.executedAt } });
  return 'APPLIED';
}

/** A bank result for a remittance return: COMPLETED stays; FAILED reverses the entry and the remittance goes back to where it was. */
async function recordReturnResult(em: EntityManager, result: TransferResult): Promise<'APPLIED' | 'REPEAT'> {
  const [x] = await em.execute<Array<{ id: string; remittance_id: string; seller_id: string; currency: string; amount: string; fee: string; status: 'REQUESTED' | 'COMPLETED' | 'FAILED'; previous_status: string }>>(
    `select id, remittance_id, seller_id, currency, amount::text as amount, fee::text as fee, status, previous_status from remittance_return where id = ? for update`,
    [result.instructionId],
  );
  if (!x) throw new DomainError('FUNDS.UNKNOWN_INSTRUCTION', `no withdrawal, refund or remittance return with instructionId ${result.instructionId}`, 'not-found');
  const transition = resultTransition(x.status, result.status);
  if (transition === 'REPEAT') return 'REPEAT';
  if (transition === 'CONFLICT') throw new DomainError('FUNDS.RESULT_CONFLICT', `remittance return ${x.id} is already ${x.status}; refusing ${result.status}`, 'conflict');
  await em.execute(`update remittance_return set status = ?, result_at = now(), bank_ref = ?, failure_reason = ? where id = ?`, [result.status, result.bankRef, result.reason, x.id]);
  if (result.status === 'COMPLETED') return 'APPLIED';
  const paid = toMinorUnits(x.amount, x.currency);
  const fee = toMinorUnits(x.fee, x.currency);
  const [entry] = await em.execute<Array<{ id: string }>>(`select id::text as id from ledger_entry where kind = 'REFUND' and remittance_id = ? order by id desc limit 1`, [x.remittance_id]);
  await postEntry(em, { kind: 'REVERSAL', sellerId: x.seller_id, remittanceId: x.remittance_id, reversesEntryId: entry?.id ?? null, memo: `return ${x.id} FAILED${result.reason ? `: ${result.reason}` : ''}`, actor: 'bank' }, [
    { sellerId: x.seller_id, currency: x.currency, kind: 'REFUNDED', orderNo: '', amount: -paid },
    { sellerId: x.seller_id, currency: x.currency, kind: 'FEES', orderNo: '', amount: -fee },
    { sellerId: x.seller_id, currency: x.currency, kind: 'UNASSOCIATED', orderNo: '', amount: paid + fee },
  ]);
  await em.execute(`update remittance set status = ? where id = ? and status = 'RETURNED'`, [x.previous_status, x.remittance_id]);
  return 'APPLIED';
}
