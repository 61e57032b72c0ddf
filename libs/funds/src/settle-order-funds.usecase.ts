import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fxSettledV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { convert, fromMinorUnits, toMinorUnits } from '@ereceipt/money';
import { rateInForce } from '@ereceipt/rates';
import { settlementLines } from './ledger.rules';
import { lockBalance, postEntry } from './infrastructure/ledger.writer';

export type SettleOutcome = 'SETTLED' | 'NO_RATE' | 'NOTHING' | 'SAME_CURRENCY';

/**
 * FX settlement of one order, in the caller's transaction: the order's whole credited balance in its
 * currency is converted into the seller's settlement currency at the rate in force now (half-even to
 * the target's minor digits), through FX_CLEARING so each currency balances. Records the rate, its
 * source and validity, and emits `fx.settled`. No rate -> nothing happens (the job retries); a rate
 * is never guessed.
 */
export async function settleOrderFunds(em: EntityManager, input: { sellerId: string; orderNo: string; currency: string }, now = new Date()): Promise<SettleOutcome> {
  const [seller] = await em.execute<Array<{ settlement_currency: string }>>(`select settlement_currency from seller where id = ?`, [input.sellerId]);
  const target = seller.settlement_currency;
  if (target === input.currency) return 'SAME_CURRENCY';
  const credited = await lockBalance(em, { sellerId: input.sellerId, currency: input.currency, kind: 'CREDITED', orderNo: input.orderNo });
  if (credited <= 0n) return 'NOTHING';
  const rate = await rateInForce(em, input.currency, target, now);
  if (!rate) return 'NO_RATE';
  const sourceAmount = fromMinorUnits(credited, input.currency);
  const targetAmount = convert(sourceAmount, rate.rate, target);
  const converted = toMinorUnits(targetAmount, target);
  const { sellerId, orderNo } = input;
  const entryId = await postEntry(em, { kind: 'FX_SETTLEMENT', sellerId, memo: `FX ${sourceAmount} ${input.currency} -> ${targetAmount} ${target} at ${rate.rate} (${rate.source})`, actor: 'system:fx' }, settlementLines(sellerId, orderNo, input.currency, target, credited, converted));
  const id = randomUUID();
  await em.execute(
    `insert into fx_settlement (id, seller_id, order_no, source_currency, source_amount, target_currency, target_amount, rate, rate_source, rate_valid_from, rate_inverted, entry_id, settled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, sellerId, orderNo, input.currency, sourceAmount, target, targetAmount, rate.rate, rate.source, rate.validFrom, rate.inverted, entryId, now],
  );
  await new OutboxWriter(em).appendEvent(fxSettledV1, {
    key: orderNo,
    data: { settlementId: id, orderNo, sellerId, source: { currency: input.currency, amount: sourceAmount }, target: { currency: target, amount: targetAmount }, rate: { rate: rate.rate, source: rate.source, validFrom: rate.validFrom, inverted: rate.inverted }, settledAt: now.toISOString() },
  });
  return 'SETTLED';
}

/**
 * Undoes the order's FX settlements at their own rates (REVERSAL: CREDITED(dst) -> FX_CLEARING ->
 * CREDITED(src)) so an unbind can take the money back: settlement is a conversion, not a withdrawal.
 * Only when none of the settled money was withdrawn (or is being withdrawn); false otherwise.
 */
export async function unsettleOrderFunds(em: EntityManager, input: { sellerId: string; orderNo: string; currency: string }): Promise<boolean> {
  const lots = await em.execute<Array<{ id: string; target_currency: string; source_amount: string; target_amount: string; entry_id: string }>>(
    `select id, target_currency, source_amount::text as source_amount, target_amount::text as target_amount, entry_id::text as entry_id from fx_settlement where order_no = ? and source_currency = ? and reversed_at is null order by settled_at`,
    [input.orderNo, input.currency],
  );
  if (lots.length === 0) return false;
  const target = lots[0].target_currency;
  const [used] = await em.execute<Array<{ n: number }>>(`select count(*)::int as n from withdrawal where order_no = ? and currency = ? and status <> 'FAILED'`, [input.orderNo, target]);
  if (used.n > 0) return false;
  const source = lots.reduce((sum, l) => sum + toMinorUnits(l.source_amount, input.currency), 0n);
  const converted = lots.reduce((sum, l) => sum + toMinorUnits(l.target_amount, target), 0n);
  if ((await lockBalance(em, { sellerId: input.sellerId, currency: target, kind: 'CREDITED', orderNo: input.orderNo })) < converted) return false;
  const { sellerId, orderNo } = input;
  await postEntry(em, { kind: 'REVERSAL', sellerId, reversesEntryId: lots[lots.length - 1].entry_id, memo: `FX settlement of ${orderNo} reversed (${lots.length} settlement(s)) for an unbind`, actor: 'system:fx' }, settlementLines(sellerId, orderNo, input.currency, target, -source, -converted));
  await em.execute(`update fx_settlement set reversed_at = now() where id in (${lots.map(() => '?').join(', ')})`, lots.map((l) => l.id));
  return true;
}
