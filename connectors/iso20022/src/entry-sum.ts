import type { Irregularity } from '@ereceipt/contracts';
import { addAmounts, compareAmounts, subtractAmounts } from '@ereceipt/money';
import { readAmount } from './amount';
import { deductedChargeRecords } from './charges';
import { transactionAmountSource } from './transaction-amount';
import { first, type XmlNode } from './xml-node';

/**
 * A batch entry whose transactions do not add up to the booked `Ntry/Amt` (research §2.1, §5.43;
 * OCA PR #976: Ntry 1526 = Tx 1500 + Chrgs 26). Charges booked on the entry explain a difference
 * of their total in either direction; anything else is `CAMT.TX_SUM_MISMATCH`, flagged on every
 * transaction of the entry (each is still booked money; which one is wrong is not known).
 * Checked only when every amount is readable and in the entry's currency.
 */
export function entrySumIrregularity(version: number, entry: XmlNode, txs: XmlNode[]): Irregularity | null {
  if (txs.length < 2) return null;
  const entryNode = first(entry, 'Amt');
  const booked = entryNode ? readAmount(entryNode) : null;
  if (!booked?.ok) return null;
  const currency = booked.money.currency;
  const amounts: string[] = [];
  for (const tx of txs) {
    const node = transactionAmountSource(version, entry, tx, txs.length).node;
    const read = node ? readAmount(node) : null;
    if (!read?.ok || read.money.currency !== currency) return null;
    amounts.push(read.money.amount);
  }
  const charges: string[] = [];
  for (const record of deductedChargeRecords(entry)) {
    const node = first(record, 'Amt');
    const read = node ? readAmount(node) : null;
    if (!read?.ok || read.money.currency !== currency) return null;
    charges.push(read.money.amount);
  }
  const sum = addAmounts(currency, '0', ...amounts);
  const fees = addAmounts(currency, '0', ...charges);
  const explained = [sum, subtractAmounts(currency, sum, fees), addAmounts(currency, sum, fees)];
  if (explained.some((e) => compareAmounts(e, booked.money.amount) === 0)) return null;
  return {
    code: 'CAMT.TX_SUM_MISMATCH',
    field: 'Ntry/Amt',
    message: `the entry books ${currency} ${booked.money.amount} but its ${txs.length} transactions add up to ${sum}${charges.length ? ` (entry charges ${fees})` : ''}`,
  };
}
