import type { CanonicalRemittance } from '@ereceipt/contracts';
import { first, has, text, texts, type XmlNode } from './xml-node';

type Payer = CanonicalRemittance['payer'];
type Beneficiary = CanonicalRemittance['beneficiary'];

/**
 * `RltdPties/Dbtr` is a PartyIdentification in .02–.06 (`Dbtr/Nm`) and a choice wrapping it from
 * .07 on (`Dbtr/Pty/Nm`, research §2.1); the same holds for `Cdtr`. Accept both in every version.
 */
export function partyOf(role: XmlNode | undefined): XmlNode | undefined {
  return has(role, 'Pty') ? first(role, 'Pty') : role;
}

/** `Acct/Id/IBAN`, else `Acct/Id/Othr/Id` (a BBAN or a bank's own number), kept as written. */
export function accountId(account: XmlNode | undefined): string | null {
  return text(account, 'Id/IBAN') ?? text(account, 'Id/Othr/Id') ?? null;
}

/** `FinInstnId/BIC` (.02) or `FinInstnId/BICFI` (.04 on). */
export function agentBic(agent: XmlNode | undefined): string | null {
  return text(agent, 'FinInstnId/BICFI') ?? text(agent, 'FinInstnId/BIC') ?? null;
}

/**
 * `PstlAdr`: the free `AdrLine` lines, then the structured fields folded into address lines
 * (`StrtNm BldgNb`, `PstCd TwnNm`, `Ctry`); unstructured-only addresses end in November 2026
 * (research §2.3), so both must read well.
 */
export function addressLines(address: XmlNode | undefined): string[] {
  if (!address) return [];
  const join = (...paths: string[]): string =>
    paths
      .map((p) => text(address, p))
      .filter((t): t is string => t !== undefined)
      .join(' ');
  const structured = [
    join('Dept', 'SubDept'),
    join('StrtNm', 'BldgNb', 'BldgNm', 'Flr', 'Room'),
    join('PstBx'),
    join('PstCd', 'TwnNm', 'TwnLctnNm', 'DstrctNm'),
    join('CtrySubDvsn'),
    join('Ctry'),
  ].filter((line) => line !== '');
  return [...texts(address, 'AdrLine'), ...structured];
}

/** Payer from `TxDtls/RltdPties/{Dbtr,DbtrAcct}` and `TxDtls/RltdAgts/DbtrAgt`. */
export function payerOf(tx: XmlNode | undefined): Payer {
  const debtor = partyOf(first(tx, 'RltdPties/Dbtr'));
  return {
    name: text(debtor, 'Nm') ?? null,
    account: accountId(first(tx, 'RltdPties/DbtrAcct')),
    address: addressLines(first(debtor, 'PstlAdr')),
    bic: agentBic(first(tx, 'RltdAgts/DbtrAgt')),
  };
}

/**
 * Beneficiary from `TxDtls/RltdPties/{Cdtr,CdtrAcct}`, else the account the statement or
 * notification is about (`Ntfctn/Acct`, `Stmt/Acct`, with `Acct/Ownr` as its holder).
 */
export function beneficiaryOf(tx: XmlNode | undefined, report: XmlNode): Beneficiary {
  const creditor = partyOf(first(tx, 'RltdPties/Cdtr'));
  const reportAccount = first(report, 'Acct');
  return {
    name: text(creditor, 'Nm') ?? text(partyOf(first(reportAccount, 'Ownr')), 'Nm') ?? null,
    account: accountId(first(tx, 'RltdPties/CdtrAcct')) ?? accountId(reportAccount),
  };
}
