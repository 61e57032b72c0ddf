import { randomUUID } from 'node:crypto';

export interface Camt054Credit {
  /** `Refs/InstrId`: becomes the canonical `messageRef`. */
  ref: string;
  uetr?: string | null;
  endToEndId?: string | null;
  currency?: string;
  /** Decimal point form: "9985.00". */
  amount?: string;
  valueDate?: string; // YYYY-MM-DD
  payerName?: string;
  payerAccount?: string;
  payerBic?: string;
  beneficiaryName?: string;
  remittanceInfo?: string;
}

export interface Camt054Input {
  msgId?: string;
  account?: string;
  credits: Camt054Credit[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function entry(c: Camt054Credit, n: number): string {
  const currency = c.currency ?? 'USD';
  const amount = c.amount ?? '9985.00';
  const date = c.valueDate ?? '2026-11-20';
  const uetr = c.uetr === undefined ? randomUUID() : c.uetr;
  return `      <Ntry>
        <NtryRef>${n}</NtryRef>
        <Amt Ccy="${currency}">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <NtryDtls>
          <TxDtls>
            <Refs>
              <InstrId>${escapeXml(c.ref)}</InstrId>
              <EndToEndId>${escapeXml(c.endToEndId ?? 'NOTPROVIDED')}</EndToEndId>${uetr ? `\n              <UETR>${uetr}</UETR>` : ''}
            </Refs>
            <Amt Ccy="${currency}">${amount}</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties>
              <Dbtr><Pty><Nm>${escapeXml(c.payerName ?? 'ACME TRADING LLC')}</Nm></Pty></Dbtr>
              <DbtrAcct><Id><Othr><Id>${escapeXml(c.payerAccount ?? 'US33000012345678')}</Id></Othr></Id></DbtrAcct>
              <Cdtr><Pty><Nm>${escapeXml(c.beneficiaryName ?? 'NINGBO EXAMPLE CO LTD')}</Nm></Pty></Cdtr>
            </RltdPties>
            <RltdAgts><DbtrAgt><FinInstnId><BICFI>${c.payerBic ?? 'CHASUS33XXX'}</BICFI></FinInstnId></DbtrAgt></RltdAgts>
            <RmtInf><Ustrd>${escapeXml(c.remittanceInfo ?? 'PAYMENT FOR ORDER')}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
}

/** A camt.054.001.08 notification of booked credits, one entry per credit (unique by `ref` and UETR). */
export function buildCamt054(input: Camt054Input): string {
  const msgId = input.msgId ?? `CAMT-${randomUUID().slice(0, 8)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${escapeXml(msgId)}</MsgId><CreDtTm>2026-11-20T11:47:31+00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${escapeXml(msgId)}-1</Id>
      <Acct><Id><Othr><Id>${escapeXml(input.account ?? 'VA88000012345')}</Id></Othr></Id></Acct>
${input.credits.map((c, i) => entry(c, i + 1)).join('\n')}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
