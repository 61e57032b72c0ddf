import type { Agents, TypedReference } from '@ereceipt/contracts';
import { agentBic } from './parties';
import { all, first, text, texts, type XmlNode } from './xml-node';

/** UETR: a UUID v4, lower case (SWIFT gpi pattern; research §0.5 normalises to lower case). */
const UETR = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type UetrRead = { ok: true; uetr: string | null } | { ok: false; value: string };

/** `TxDtls/Refs/UETR` (.08 on; read in any version when present). */
export function readUetr(tx: XmlNode | undefined): UetrRead {
  const value = text(tx, 'Refs/UETR');
  if (value === undefined) return { ok: true, uetr: null };
  const lower = value.toLowerCase();
  return UETR.test(lower) ? { ok: true, uetr: lower } : { ok: false, value };
}

/** `TxDtls/Refs/EndToEndId`; `NOTPROVIDED` is the payer saying there is none (research §5.48). */
export function endToEndIdOf(tx: XmlNode | undefined): string | null {
  const value = text(tx, 'Refs/EndToEndId');
  return value === undefined || value.toUpperCase() === 'NOTPROVIDED' ? null : value;
}

/**
 * The bank's reference for this credit, most specific first:
 *   1. `TxDtls/Refs/AcctSvcrRef`  – the account servicer's reference for the transaction
 *   2. `TxDtls/Refs/TxId`         – the interbank transaction id
 *   3. `TxDtls/Refs/InstrId`      – the instructing agent's id
 *   4. `Ntry/AcctSvcrRef`         – the bank's reference for the booking
 *   5. `Ntry/NtryRef`             – the entry's number in the report
 * 4 and 5 are shared by every transaction of a batch entry. `NOTPROVIDED` is never a reference.
 */
export function messageRefOf(entry: XmlNode, tx: XmlNode | undefined): string | null {
  const candidates = [
    text(tx, 'Refs/AcctSvcrRef'),
    text(tx, 'Refs/TxId'),
    text(tx, 'Refs/InstrId'),
    text(entry, 'AcctSvcrRef'),
    text(entry, 'NtryRef'),
  ];
  return candidates.find((c) => c !== undefined && c.toUpperCase() !== 'NOTPROVIDED') ?? null;
}

/**
 * `RmtInf/Ustrd[]` lines as sent (each trimmed at its ends), then `Strd[]/AddtlRmtInf[]`, joined
 * with `\n` (docs/contract.md: lines kept, joined with `\n`). Null when there is no text.
 */
export function remittanceInfoOf(tx: XmlNode | undefined): string | null {
  const lines = [...texts(tx, 'RmtInf/Ustrd'), ...texts(tx, 'RmtInf/Strd/AddtlRmtInf')];
  return lines.length ? lines.join('\n') : null;
}

/**
 * Structured references: every `Strd/RfrdDocInf/Nb` (invoice numbers) and `Strd/CdtrRefInf/Ref`
 * (RF / ISR / QRR creditor references), in document order, duplicates removed. Trimmed (the FI
 * sample has `<Ref>RF… </Ref>`), otherwise kept as written, leading zeros included.
 */
export function referencesOf(tx: XmlNode | undefined): string[] {
  const refs = all(tx, 'RmtInf/Strd').flatMap((strd) => [...texts(strd, 'RfrdDocInf/Nb'), ...texts(strd, 'CdtrRefInf/Ref')]);
  return [...new Set(refs)];
}

/**
 * The same structured references with their codes: `RfrdDocInf/Nb` under its document type
 * (`Tp/CdOrPrtry/Cd` such as `CINV`, or `Prtry`; `DOC` when none), `CdtrRefInf/Ref` under its
 * reference type (`SCOR`, a proprietary name such as `QRR`; `CRED` when none).
 */
export function typedReferencesOf(tx: XmlNode | undefined): TypedReference[] {
  const out: TypedReference[] = [];
  const push = (code: string, value: string): void => {
    if (!out.some((r) => r.code === code && r.value === value)) out.push({ code, value });
  };
  for (const strd of all(tx, 'RmtInf/Strd')) {
    for (const doc of all(strd, 'RfrdDocInf')) {
      const code = text(doc, 'Tp/CdOrPrtry/Cd') ?? text(doc, 'Tp/CdOrPrtry/Prtry') ?? 'DOC';
      for (const nb of texts(doc, 'Nb')) push(code, nb);
    }
    for (const ref of all(strd, 'CdtrRefInf')) {
      const code = text(ref, 'Tp/CdOrPrtry/Cd') ?? text(ref, 'Tp/CdOrPrtry/Prtry') ?? 'CRED';
      for (const value of texts(ref, 'Ref')) push(code, value);
    }
  }
  return out;
}

/** BICs of `RltdAgts/DbtrAgt`, `IntrmyAgt1`, `CdtrAgt`. */
export function agentsOf(tx: XmlNode | undefined): Agents {
  return {
    ordering: agentBic(first(tx, 'RltdAgts/DbtrAgt')),
    intermediary: agentBic(first(tx, 'RltdAgts/IntrmyAgt1')),
    accountWith: agentBic(first(tx, 'RltdAgts/CdtrAgt')),
  };
}
