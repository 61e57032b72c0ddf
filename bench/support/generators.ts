import { randomUUID } from 'node:crypto';
import { benchMt103, dotAmountFor } from './mt103';

/** `count` MT103 FIN messages starting at message number `from` (refs P<run><number>). */
export function mt103Batch(run: string, from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) out.push(benchMt103(`P${run}${String(i).padStart(8, '0')}`, i));
  return out;
}

const day = (i: number) => String(1 + (i % 28)).padStart(2, '0');

/**
 * One camt.054.001.08 notification holding transactions `from`..`from + count - 1`, one booked
 * credit `Ntry` per `TxDtls` (the common shape for cross-border credits). Amounts are strings.
 */
export function camt054Document(docNo: number, from: number, count: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">\n',
    '  <BkToCstmrDbtCdtNtfctn>\n',
    `    <GrpHdr><MsgId>BENCH-054-${docNo}</MsgId><CreDtTm>2026-11-22T03:05:00+08:00</CreDtTm></GrpHdr>\n`,
    '    <Ntfctn>\n',
    `      <Id>BENCH-NTF-${docNo}</Id>\n`,
    '      <Acct><Id><Othr><Id>801234567838</Id></Othr></Id><Ccy>USD</Ccy><Ownr><Nm>NINGBO EXAMPLE CO LTD</Nm></Ownr></Acct>\n',
  ];
  for (let i = from; i < from + count; i++) {
    const amount = dotAmountFor(i);
    parts.push(
      '      <Ntry>\n',
      `        <Amt Ccy="USD">${amount}</Amt>\n`,
      '        <CdtDbtInd>CRDT</CdtDbtInd>\n',
      '        <Sts><Cd>BOOK</Cd></Sts>\n',
      `        <BookgDt><Dt>2026-11-${day(i)}</Dt></BookgDt>\n`,
      `        <ValDt><Dt>2026-11-${day(i)}</Dt></ValDt>\n`,
      `        <AcctSvcrRef>BN${docNo}-${i}</AcctSvcrRef>\n`,
      '        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn></BkTxCd>\n',
      '        <NtryDtls>\n',
      '          <TxDtls>\n',
      `            <Refs><AcctSvcrRef>BN${docNo}-${i}-1</AcctSvcrRef><EndToEndId>PAY-2026-${i}</EndToEndId><UETR>${randomUUID()}</UETR></Refs>\n`,
      `            <Amt Ccy="USD">${amount}</Amt>\n`,
      '            <CdtDbtInd>CRDT</CdtDbtInd>\n',
      '            <RltdPties>\n',
      `              <Dbtr><Pty><Nm>PAYER ${i % 1000} HOME GOODS INC</Nm></Pty></Dbtr>\n`,
      `              <DbtrAcct><Id><Othr><Id>44${String(i).padStart(10, '0')}</Id></Othr></Id></DbtrAcct>\n`,
      '              <CdtrAcct><Id><Othr><Id>801234567838</Id></Othr></Id></CdtrAcct>\n',
      '            </RltdPties>\n',
      '            <RltdAgts><DbtrAgt><FinInstnId><BICFI>CHASUS33XXX</BICFI></FinInstnId></DbtrAgt></RltdAgts>\n',
      `            <RmtInf><Ustrd>PO ${i} BALANCE EO-2026-${String(i % 1_000_000).padStart(6, '0')}</Ustrd></RmtInf>\n`,
      '          </TxDtls>\n',
      '        </NtryDtls>\n',
      '      </Ntry>\n',
    );
  }
  parts.push('    </Ntfctn>\n', '  </BkToCstmrDbtCdtNtfctn>\n', '</Document>\n');
  return parts.join('');
}

export const CSV_HEADER = 'value_date,currency,amount,payer_name,payer_account,reference,remittance_info,beneficiary_account\n';

/**
 * A generic-profile CSV export of `rows` rows, generated chunk by chunk (`rowsPerChunk` rows each)
 * so the file is never held in memory. Every 4th row has a quoted remittance_info with a comma and
 * an escaped quote, to exercise the quoted path. `onBytes` sees each chunk's size.
 */
export async function* csvChunks(rows: number, rowsPerChunk: number, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  const header = Buffer.from(CSV_HEADER);
  onBytes(header.byteLength);
  yield header;
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const info = i % 4 === 0 ? `"order EO-2026-${i}, balance ""final"""` : `order EO-2026-${i}`;
    batch.push(`2026-11-${day(i)},USD,${dotAmountFor(i)},Payer ${i % 1000} Ltd,ACC${i},EO-2026-${i},${info},VA88000012345\n`);
    if (batch.length === rowsPerChunk) {
      const chunk = Buffer.from(batch.join(''));
      batch = [];
      onBytes(chunk.byteLength);
      yield chunk;
    }
  }
  if (batch.length > 0) {
    const chunk = Buffer.from(batch.join(''));
    onBytes(chunk.byteLength);
    yield chunk;
  }
}
