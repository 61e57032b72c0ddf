import type { CanonicalRemittance } from '@ereceipt/contracts';
import { all, has, text, type XmlNode } from './xml-node';

type ChargeBearer = CanonicalRemittance['chargeBearer'];

/** ChargeBearerType1Code → the MT 71A vocabulary the canonical record uses. */
const BEARERS: Record<string, ChargeBearer | undefined> = { DEBT: 'OUR', CRED: 'BEN', SHAR: 'SHA', SLEV: 'SHA' };

export function mapChargeBearer(code: string | undefined): ChargeBearer {
  return code === undefined ? null : (BEARERS[code.toUpperCase()] ?? null);
}

/**
 * Charge records of a `Chrgs` owner (a `TxDtls`, or an `Ntry`). Two shapes (research §2.1):
 * .02 repeats `Chrgs` itself (ChargesInformation6: `Chrgs[]/{Amt,Br}`); .04 on has one `Chrgs`
 * with `Rcrd[]/{Amt,CdtDbtInd,ChrgInclInd,Br}`. `Chrgs/TtlChrgsAndTaxAmt` is a total, not a record.
 */
export function chargeRecords(owner: XmlNode | undefined): XmlNode[] {
  return all(owner, 'Chrgs').flatMap((chrgs) => (has(chrgs, 'Rcrd') ? all(chrgs, 'Rcrd') : has(chrgs, 'Amt') ? [chrgs] : []));
}

/**
 * Records that were taken out of the booked amount. `ChrgInclInd=false` means the charge was not
 * included in the entry amount (billed separately), so it is not "deducted".
 */
export function deductedChargeRecords(owner: XmlNode | undefined): XmlNode[] {
  return chargeRecords(owner).filter((r) => text(r, 'ChrgInclInd')?.toLowerCase() !== 'false');
}

/**
 * `Chrgs/Rcrd/Br` (.04 on) or `Chrgs/Br` (.02); a non-standard `TxDtls/ChrgBr` (the pacs.008
 * name some banks copy into camt) is read last.
 */
export function chargeBearerOf(owner: XmlNode | undefined): ChargeBearer {
  const code = chargeRecords(owner)
    .map((r) => text(r, 'Br'))
    .find((b) => b !== undefined);
  return mapChargeBearer(code ?? text(owner, 'ChrgBr'));
}
