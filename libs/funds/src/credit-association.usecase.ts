import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { toMinorUnits } from '@ereceipt/money';
import { OrderEntity } from '@ereceipt/orders';
import { type AssociationFundsStatus, associationTarget, CONTRA_KINDS, planAssociationEntry, receiptLines } from './ledger.rules';
import { associationPosition } from './infrastructure/ledger.reader';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';
import { requestWithdrawalWithin } from './request-withdrawal.usecase';
import { settleOrderFunds, unsettleOrderFunds } from './settle-order-funds.usecase';

/**
 * The association hook (matching calls it in the transaction of every association change): books
 * the remittance once as received (BANK -> UNASSOCIATED), then moves the association's money to
 * where its status says: PROPOSED under review, APPROVED credited per order (bank charges accepted
 * within tolerance as FEES; an overpayment stays in the order's credit), REJECTED / UNBOUND back to
 * unassociated as a REVERSAL of the association's previous entry. Idempotent: no change, no entry.
 * A reversal of funds already withdrawn (or being withdrawn) is refused, which rolls back the unbind;
 * FX-settled funds are converted back at their own rate first.
 * Credited funds of a seller with automatic withdrawal on are withdrawn as far as the rules allow.
 */
export async function creditAssociation(em: EntityManager, associationId: string): Promise<void> {
  const [a] = await em.execute<Array<{ remittance_id: string; seller_id: string; currency: string; status: AssociationFundsStatus; actor: string; decided_by: string | null }>>(
    `select remittance_id, seller_id, currency, status, actor, decided_by from remittance_association where id = ?`,
    [associationId],
  );
  if (!a) throw new Error(`association ${associationId} not found`);
  const { seller_id: sellerId, currency } = a;
  const actor = a.decided_by ?? a.actor;
  const allocations = await em.execute<Array<{ order_no: string; amount: string; bank_charges: string }>>(`select order_no, amount::text as amount, bank_charges::text as bank_charges from association_allocation where association_id = ? order by order_no`, [associationId]);
  const [receipt] = await em.execute<Array<{ id: string }>>(`select id::text as id from ledger_entry where kind = 'RECEIPT' and remittance_id = ?`, [a.remittance_id]);
  if (!receipt) {
    const [r] = await em.execute<Array<{ amount: string }>>(`select amount::text as amount from remittance where id = ?`, [a.remittance_id]);
    await postEntry(em, { kind: 'RECEIPT', sellerId, remittanceId: a.remittance_id, memo: `remittance ${a.remittance_id} received`, actor: 'system' }, receiptLines(sellerId, currency, toMinorUnits(r.amount, currency)));
  }
  const target = associationTarget(sellerId, currency, a.status, allocations.map((x) => ({ orderNo: x.order_no, amount: toMinorUnits(x.amount, currency), bankCharges: toMinorUnits(x.bank_charges, currency) })));
  const lines = planAssociationEntry(sellerId, currency, await associationPosition(em, associationId), target);
  if (lines.length === 0) return;
  for (const l of lines) {
    if (l.amount >= 0n || CONTRA_KINDS.includes(l.kind)) continue;
    let balance = await lockBalance(em, l);
    // FX-settled credit comes back to the association's currency first (a conversion, not a withdrawal).
    if (balance + l.amount < 0n && l.kind === 'CREDITED' && (await unsettleOrderFunds(em, { sellerId, orderNo: l.orderNo, currency }))) balance = await lockBalance(em, l);
    if (balance + l.amount < 0n) {
      throw new DomainError('FUNDS.ALREADY_WITHDRAWN', `the funds of order ${l.orderNo} in ${currency} are withdrawn or being withdrawn (${l.kind} holds less than the association put there); the association cannot be undone`, 'conflict', { orderNo: l.orderNo });
    }
  }
  const reversal = target.length === 0;
  const [last] = reversal ? await em.execute<Array<{ id: string }>>(`select id::text as id from ledger_entry where association_id = ? order by id desc limit 1`, [associationId]) : [];
  await postEntry(em, { kind: reversal ? 'REVERSAL' : 'ASSOCIATION', sellerId, remittanceId: a.remittance_id, associationId, reversesEntryId: last?.id ?? null, memo: `association ${associationId} ${a.status}`, actor }, lines);
  if (a.status !== 'APPROVED') return;
  // FX settlement as soon as the funds are credited, when a rate is in force (else the job retries).
  for (const orderNo of [...new Set(allocations.map((x) => x.order_no))]) await settleOrderFunds(em, { sellerId, orderNo, currency });
  await autoWithdraw(em, sellerId, allocations.map((x) => x.order_no));
}

/** Automatic withdrawal (seller setting): each order whose rules hold now; a rule that fails waits for the scheduled job. */
export async function autoWithdraw(em: EntityManager, sellerId: string, orderNos: readonly string[]): Promise<number> {
  const [setting] = await em.execute<Array<{ auto_withdrawal: boolean }>>(`select auto_withdrawal from funds_setting where seller_id = ?`, [sellerId]);
  if (!setting?.auto_withdrawal) return 0;
  let sent = 0;
  for (const orderNo of [...new Set(orderNos)].sort()) {
    const order = await em.findOne(OrderEntity, { orderNo });
    if (!order) continue;
    try {
      await requestWithdrawalWithin(em, order, { actor: 'system:auto-withdrawal', trigger: 'AUTO' });
      sent++;
    } catch (e) {
      // Rule failures are checked before anything is written, so the transaction is intact.
      if (!(e instanceof DomainError) || e.code === 'FUNDS.INSUFFICIENT') throw e;
    }
  }
  return sent;
}
