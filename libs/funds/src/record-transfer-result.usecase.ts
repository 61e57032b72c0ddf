import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, withdrawalCompletedV1, withdrawalFailedV1 } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { toMinorUnits } from '@ereceipt/money';
import type { WithdrawalStatus } from './funds.entities';
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
  if (!w) throw new DomainError('FUNDS.UNKNOWN_INSTRUCTION', `no withdrawal with instructionId ${result.instructionId}`, 'not-found');
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
