import { canonicalRemittanceSchema, type CanonicalRemittance, type Irregularity, type ParseIssue } from '@ereceipt/contracts';
import { readAmount, type Money } from './amount';
import { chargeBearerOf, deductedChargeRecords } from './charges';
import type { CamtSource } from './camt-document';
import { camtIssue, type CamtIrregularityCode, type IssueAt } from './issues';
import { beneficiaryOf, payerOf } from './parties';
import { agentsOf, endToEndIdOf, messageRefOf, readUetr, referencesOf, remittanceInfoOf, typedReferencesOf } from './references';
import { transactionAmountSource } from './transaction-amount';
import { valueDateOf } from './value-date';
import { all, first, text, type XmlNode } from './xml-node';

/** One transaction to map: a `TxDtls`, or an `Ntry` without any (then `tx` is undefined). */
export interface TxUnit {
  source: CamtSource;
  version: number;
  report: XmlNode;
  entry: XmlNode;
  tx: XmlNode | undefined;
  /** How many `TxDtls` the entry holds in all its `NtryDtls`. */
  txCount: number;
  at: IssueAt;
  /** Irregularities of the whole entry (e.g. `CAMT.TX_SUM_MISMATCH`), given to each of its transactions. */
  entryIrregularities?: Irregularity[];
}

export type Mapped = { ok: true; remittance: CanonicalRemittance } | { ok: false; issues: ParseIssue[] };

/** `CpyDplctInd` on the `Ntfctn`/`Stmt`: CODU, COPY or DUPL all mean "you may have this already". */
function possibleDuplicate(report: XmlNode): boolean {
  const code = text(report, 'CpyDplctInd')?.toUpperCase();
  return code === 'CODU' || code === 'COPY' || code === 'DUPL';
}

/** Maps a credit transaction, collecting every problem rather than stopping at the first. */
export function mapTransaction(unit: TxUnit): Mapped {
  const { entry, tx, at } = unit;
  const issues: ParseIssue[] = [];
  const irregularities: Irregularity[] = [...(unit.entryIrregularities ?? [])];
  const flag = (code: CamtIrregularityCode, message: string, field: string): void => void irregularities.push({ code, field, message });
  const money = (node: XmlNode | undefined, field: string): Money | null => {
    if (!node) return null;
    const read = readAmount(node);
    if (read.ok) return read.money;
    issues.push(camtIssue(read.code, read.message, field, at));
    return null;
  };
  // Amounts beside the booked one: unreadable, they are left out and flagged (issue 21).
  const sideMoney = (node: XmlNode | undefined, field: string, code: CamtIrregularityCode): Money | null => {
    if (!node) return null;
    const read = readAmount(node);
    if (read.ok) return read.money;
    flag(code, `${read.message} (${read.code}); left out`, field);
    return null;
  };

  const source = transactionAmountSource(unit.version, entry, tx, unit.txCount);
  if (!source.node) issues.push(camtIssue('CAMT.MISSING_AMOUNT', 'the transaction has no amount', source.field, at));
  const amount = money(source.node, source.field);
  const instructed = sideMoney(first(tx, 'AmtDtls/InstdAmt/Amt'), 'Ntry/NtryDtls/TxDtls/AmtDtls/InstdAmt/Amt', 'CAMT.BAD_INSTRUCTED_AMOUNT');
  // Entry-level charges belong to the transaction only when there is one (no apportioning a batch).
  const chargeOwner = tx && first(tx, 'Chrgs') ? tx : unit.txCount <= 1 ? entry : undefined;
  const charges = deductedChargeRecords(chargeOwner).map((r) => sideMoney(first(r, 'Amt'), 'Chrgs/Rcrd/Amt', 'CAMT.BAD_CHARGE_AMOUNT'));

  const date = valueDateOf(entry);
  if (!date.ok) issues.push(camtIssue(date.code, date.message, date.field, at));
  const uetr = readUetr(tx);
  if (!uetr.ok) flag('CAMT.BAD_UETR', `"${uetr.value}" is not a UUID v4; the UETR is left out`, 'Ntry/NtryDtls/TxDtls/Refs/UETR');
  const messageRef = messageRefOf(entry, tx);
  if (messageRef === null) {
    issues.push(camtIssue('CAMT.MISSING_REFERENCE', 'no AcctSvcrRef, TxId, InstrId or NtryRef to identify the transaction', 'Ntry/NtryDtls/TxDtls/Refs', at));
  }
  if (issues.length || !amount || !date.ok || messageRef === null) return { ok: false, issues };

  const payer = payerOf(tx);
  const remittance: CanonicalRemittance = {
    source: unit.source,
    messageRef,
    uetr: uetr.ok ? uetr.uetr : null,
    endToEndId: endToEndIdOf(tx),
    senderBic: payer.bic,
    valueDate: date.date,
    currency: amount.currency,
    amount: amount.amount,
    instructedAmount: instructed,
    chargeBearer: chargeBearerOf(chargeOwner),
    chargesDeducted: charges.filter((c): c is Money => c !== null),
    payer,
    beneficiary: beneficiaryOf(tx, unit.report),
    remittanceInfo: remittanceInfoOf(tx),
    references: referencesOf(tx),
    relatedReference: text(entry, 'AcctSvcrRef') ?? null,
    possibleDuplicate: possibleDuplicate(unit.report),
    typedReferences: typedReferencesOf(tx),
    agents: agentsOf(tx),
    instructions: [],
    irregularities,
  };
  // Last guard: the record must satisfy the shared contract, or it is reported, not emitted.
  const checked = canonicalRemittanceSchema.safeParse(remittance);
  if (!checked.success) {
    const detail = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, issues: [camtIssue('CAMT.SCHEMA_VIOLATION', detail, null, at)] };
  }
  return { ok: true, remittance: checked.data };
}

/** Every `TxDtls` of an entry, across all its `NtryDtls`. */
export function transactionsOf(entry: XmlNode): XmlNode[] {
  return all(entry, 'NtryDtls/TxDtls');
}
