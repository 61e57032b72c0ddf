import { first, has, text, type XmlNode } from './xml-node';

export type Classification =
  | { kind: 'credit' }
  | { kind: 'skip'; reason: string }
  | { kind: 'invalid'; code: 'CAMT.BAD_STATUS' | 'CAMT.BAD_CREDIT_DEBIT'; field: string; message: string };

/** `Ntry/Sts`: text in .02–.06, `Sts/Cd` (or `Sts/Prtry`) from .07 on (research §2.1). Accept both. */
export function entryStatus(entry: XmlNode): string | undefined {
  return text(entry, 'Sts/Cd') ?? text(entry, 'Sts/Prtry') ?? text(entry, 'Sts');
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/**
 * Decides whether one transaction (a `TxDtls`, or an entry without one) is a customer credit.
 * Order: not booked, reversal, debit, return — the first that applies is the reason given.
 */
export function classify(entry: XmlNode, tx: XmlNode | undefined): Classification {
  const status = entryStatus(entry);
  if (status === undefined) return { kind: 'invalid', code: 'CAMT.BAD_STATUS', field: 'Ntry/Sts', message: 'the entry has no status' };
  if (status.toUpperCase() !== 'BOOK') {
    return { kind: 'skip', reason: `entry not booked (Ntry/Sts ${status})` };
  }
  // RvslInd=true: this entry reverses an earlier one (a credit here undoes a debit), not a payment.
  if (isTrue(text(entry, 'RvslInd'))) return { kind: 'skip', reason: 'reversal (Ntry/RvslInd true)' };

  // TxDtls/CdtDbtInd (from .03) wins over the entry's: a batch may mix directions.
  const direction = text(tx, 'CdtDbtInd') ?? text(entry, 'CdtDbtInd');
  if (direction === 'DBIT') return { kind: 'skip', reason: 'debit (CdtDbtInd DBIT)' };
  if (direction !== 'CRDT') {
    const written = direction === undefined ? 'missing' : `"${direction}"`;
    return { kind: 'invalid', code: 'CAMT.BAD_CREDIT_DEBIT', field: 'Ntry/CdtDbtInd', message: `CdtDbtInd is ${written}; expected CRDT or DBIT` };
  }

  // A credit carrying RtrInf, or booked as PMNT/ICDT/RRTN, returns our own outgoing payment.
  if (has(tx, 'RtrInf')) {
    const reason = text(tx, 'RtrInf/Rsn/Cd') ?? text(tx, 'RtrInf/Rsn/Prtry') ?? 'no reason code';
    return { kind: 'skip', reason: `return of an outgoing payment (TxDtls/RtrInf, ${reason})` };
  }
  const code = first(tx, 'BkTxCd/Domn') ?? first(entry, 'BkTxCd/Domn');
  if (text(code, 'Fmly/SubFmlyCd') === 'RRTN') {
    return { kind: 'skip', reason: 'return of an outgoing payment (BkTxCd …/RRTN)' };
  }
  return { kind: 'credit' };
}
