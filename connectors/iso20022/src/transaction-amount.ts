import { first, type XmlNode } from './xml-node';

export interface AmountSource {
  node: XmlNode | undefined;
  /** The path the amount was (or should have been) read from, for issues. */
  field: string;
}

/**
 * Where a transaction's booked amount lives (research §2.1, §5.42–43):
 *  - .02 has no `TxDtls/Amt` (EntryTransaction2): `TxDtls/AmtDtls/TxAmt/Amt`;
 *  - from .03 on: `TxDtls/Amt`, then `TxDtls/AmtDtls/TxAmt/Amt`;
 *  - `Ntry/Amt` only when the entry holds exactly one transaction (or none: the entry is the
 *    transaction). Giving a batch's entry amount to each line double-counts it (OCA#157).
 */
export function transactionAmountSource(version: number, entry: XmlNode, tx: XmlNode | undefined, txCount: number): AmountSource {
  if (!tx) return { node: first(entry, 'Amt'), field: 'Ntry/Amt' };
  const paths = version <= 2 ? ['AmtDtls/TxAmt/Amt'] : ['Amt', 'AmtDtls/TxAmt/Amt'];
  for (const path of paths) {
    const node = first(tx, path);
    if (node) return { node, field: `Ntry/NtryDtls/TxDtls/${path}` };
  }
  const expected = `Ntry/NtryDtls/TxDtls/${paths[0] ?? 'Amt'}`;
  if (txCount === 1) {
    const entryAmount = first(entry, 'Amt');
    if (entryAmount) return { node: entryAmount, field: 'Ntry/Amt' };
  }
  return { node: undefined, field: expected };
}
