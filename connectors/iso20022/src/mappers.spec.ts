import fc from 'fast-check';
import { toAmount } from '@ereceipt/money';
import { readAmount } from './amount';
import { chargeBearerOf, deductedChargeRecords, mapChargeBearer } from './charges';
import { classify } from './entry-status';
import { addressLines, agentBic, partyOf } from './parties';
import { readXml } from './read-xml';
import { endToEndIdOf, messageRefOf, readUetr, referencesOf, remittanceInfoOf } from './references';
import { transactionAmountSource } from './transaction-amount';
import { calendarDate, valueDateOf } from './value-date';
import { first, rootNames, text, XmlNode } from './xml-node';

/** Parses a fragment and returns its root element. */
function node(xml: string): Promise<XmlNode> {
  const read = readXml(xml);
  if (!read.ok) throw new Error(read.message);
  const name = rootNames(read.doc)[0] ?? '';
  const root = first(read.doc, name);
  if (!root) throw new Error('no root');
  return Promise.resolve(root);
}

describe('readAmount', () => {
  it('gives the same canonical amount as @ereceipt/money toAmount (string operations, no decimal arithmetic)', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF'), fc.stringMatching(/^[0-9]{1,15}(\.[0-9]{0,6})?$/), (currency, value) => {
        const amt = new XmlNode('Amt');
        amt.text = value;
        amt.attrs = { Ccy: currency };
        const read = readAmount(amt);
        if (read.ok) expect(read.money.amount).toBe(toAmount(value, currency));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['<Amt Ccy="EUR">10.5</Amt>', 'EUR', '10.50'],
    ['<Amt Ccy="JPY">1000.00</Amt>', 'JPY', '1000'],
    ['<Amt Ccy="KWD">1.5</Amt>', 'KWD', '1.500'],
    ['<Amt Ccy="USD">000000000000149.87</Amt>', 'USD', '149.87'],
    ['<Amt Ccy="USD"> 7 </Amt>', 'USD', '7.00'],
  ])('%s', async (xml, currency, amount) => {
    expect(readAmount(await node(xml))).toEqual({ ok: true, money: { currency, amount } });
  });

  it.each([
    ['<Amt Ccy="JPY">1.5</Amt>', 'CAMT.TOO_MANY_DECIMALS'],
    ['<Amt Ccy="USD">1.001</Amt>', 'CAMT.TOO_MANY_DECIMALS'],
    ['<Amt Ccy="USD">-1.00</Amt>', 'CAMT.BAD_AMOUNT'],
    ['<Amt Ccy="USD">1e3</Amt>', 'CAMT.BAD_AMOUNT'],
    ['<Amt Ccy="USD">1234567890123456789.00</Amt>', 'CAMT.BAD_AMOUNT'],
    ['<Amt>1.00</Amt>', 'CAMT.MISSING_CURRENCY'],
    ['<Amt Ccy="usd">1.00</Amt>', 'CAMT.UNKNOWN_CURRENCY'],
    ['<Amt Ccy="USD"/>', 'CAMT.MISSING_AMOUNT'],
  ])('%s → %s', async (xml, code) => {
    expect(readAmount(await node(xml))).toMatchObject({ ok: false, code });
  });
});

describe('transaction amount by version', () => {
  const entry = '<Ntry><Amt Ccy="EUR">30.00</Amt><NtryDtls>';
  it('.02 reads AmtDtls/TxAmt/Amt and ignores a stray TxDtls/Amt', async () => {
    const e = await node(`${entry}<TxDtls><Amt Ccy="EUR">1.00</Amt><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>`);
    const src = transactionAmountSource(2, e, first(e, 'NtryDtls/TxDtls'), 1);
    expect(src.field).toBe('Ntry/NtryDtls/TxDtls/AmtDtls/TxAmt/Amt');
    expect(src.node && readAmount(src.node)).toEqual({ ok: true, money: { currency: 'EUR', amount: '10.00' } });
  });
  it('.04+ reads TxDtls/Amt first', async () => {
    const e = await node(`${entry}<TxDtls><Amt Ccy="EUR">1.00</Amt><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>`);
    expect(transactionAmountSource(8, e, first(e, 'NtryDtls/TxDtls'), 1).field).toBe('Ntry/NtryDtls/TxDtls/Amt');
  });
  it('falls back to Ntry/Amt for a single transaction only', async () => {
    const e = await node(`${entry}<TxDtls/></NtryDtls></Ntry>`);
    const tx = first(e, 'NtryDtls/TxDtls');
    expect(transactionAmountSource(4, e, tx, 1).field).toBe('Ntry/Amt');
    expect(transactionAmountSource(4, e, tx, 2)).toEqual({ node: undefined, field: 'Ntry/NtryDtls/TxDtls/Amt' });
    expect(transactionAmountSource(2, e, tx, 3).field).toBe('Ntry/NtryDtls/TxDtls/AmtDtls/TxAmt/Amt');
  });
});

describe('charges', () => {
  it('maps ChargeBearerType1Code', () => {
    expect(['DEBT', 'CRED', 'SHAR', 'SLEV', 'XXXX', undefined].map(mapChargeBearer)).toEqual(['OUR', 'BEN', 'SHA', 'SHA', null, null]);
  });
  it('reads the .02 repeated Chrgs shape', async () => {
    const tx = await node('<TxDtls><Chrgs><Amt Ccy="EUR">2.00</Amt><Br>DEBT</Br></Chrgs><Chrgs><Amt Ccy="EUR">1.00</Amt></Chrgs></TxDtls>');
    expect(deductedChargeRecords(tx).map((r) => text(r, 'Amt'))).toEqual(['2.00', '1.00']);
    expect(chargeBearerOf(tx)).toBe('OUR');
  });
  it('reads Chrgs/Rcrd, skipping ChrgInclInd=false and the total', async () => {
    const tx = await node(
      '<TxDtls><Chrgs><TtlChrgsAndTaxAmt Ccy="EUR">3.00</TtlChrgsAndTaxAmt><Rcrd><Amt Ccy="EUR">2.00</Amt><ChrgInclInd>false</ChrgInclInd></Rcrd><Rcrd><Amt Ccy="EUR">1.00</Amt><Br>CRED</Br></Rcrd></Chrgs></TxDtls>',
    );
    expect(deductedChargeRecords(tx).map((r) => text(r, 'Amt'))).toEqual(['1.00']);
    expect(chargeBearerOf(tx)).toBe('BEN');
  });
});

describe('references', () => {
  it('messageRef precedence: AcctSvcrRef, TxId, InstrId, Ntry/AcctSvcrRef, NtryRef', async () => {
    const entry = await node('<Ntry><NtryRef>N1</NtryRef><AcctSvcrRef>E1</AcctSvcrRef></Ntry>');
    const tx = async (refs: string): Promise<XmlNode> => node(`<TxDtls><Refs>${refs}</Refs></TxDtls>`);
    expect(messageRefOf(entry, await tx('<InstrId>I</InstrId><TxId>T</TxId><AcctSvcrRef>A</AcctSvcrRef>'))).toBe('A');
    expect(messageRefOf(entry, await tx('<InstrId>I</InstrId><TxId>T</TxId>'))).toBe('T');
    expect(messageRefOf(entry, await tx('<InstrId>I</InstrId>'))).toBe('I');
    expect(messageRefOf(entry, await tx('<TxId>NOTPROVIDED</TxId>'))).toBe('E1');
    expect(messageRefOf(await node('<Ntry><NtryRef>0007</NtryRef></Ntry>'), undefined)).toBe('0007');
    expect(messageRefOf(await node('<Ntry/>'), undefined)).toBeNull();
  });
  it('UETR is lower-cased and checked; EndToEndId NOTPROVIDED is null', async () => {
    const tx = await node('<TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId><UETR>EB6305C9-1F7F-49DE-AED0-16487C27B42D</UETR></Refs></TxDtls>');
    expect(readUetr(tx)).toEqual({ ok: true, uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d' });
    expect(endToEndIdOf(tx)).toBeNull();
    expect(readUetr(await node('<TxDtls><Refs><UETR>eb6305c9</UETR></Refs></TxDtls>'))).toEqual({ ok: false, value: 'eb6305c9' });
    expect(readUetr(undefined)).toEqual({ ok: true, uetr: null });
  });
  it('joins Ustrd with \\n and collects Strd references without duplicates', async () => {
    const tx = await node(
      '<TxDtls><RmtInf><Ustrd>LINE 1</Ustrd><Ustrd>LINE 2</Ustrd><Strd><RfrdDocInf><Nb>007</Nb></RfrdDocInf><CdtrRefInf><Ref>RF18 </Ref></CdtrRefInf></Strd><Strd><RfrdDocInf><Nb>007</Nb></RfrdDocInf></Strd></RmtInf></TxDtls>',
    );
    expect(remittanceInfoOf(tx)).toBe('LINE 1\nLINE 2');
    expect(referencesOf(tx)).toEqual(['007', 'RF18']);
    expect(remittanceInfoOf(await node('<TxDtls/>'))).toBeNull();
  });
});

describe('parties', () => {
  it('reads Dbtr/Nm (.02) and Dbtr/Pty/Nm (.08) alike, BIC or BICFI', async () => {
    expect(text(partyOf(await node('<Dbtr><Nm>A</Nm></Dbtr>')), 'Nm')).toBe('A');
    expect(text(partyOf(await node('<Dbtr><Pty><Nm>B</Nm></Pty></Dbtr>')), 'Nm')).toBe('B');
    expect(agentBic(await node('<DbtrAgt><FinInstnId><BIC>OKOYFIHH</BIC></FinInstnId></DbtrAgt>'))).toBe('OKOYFIHH');
    expect(agentBic(await node('<DbtrAgt><FinInstnId><BICFI>BNPAFRPP</BICFI></FinInstnId></DbtrAgt>'))).toBe('BNPAFRPP');
  });
  it('folds structured addresses into lines after AdrLine', async () => {
    const adr = await node('<PstlAdr><Ctry>DE</Ctry><TwnNm>Berlin</TwnNm><PstCd>10115</PstCd><StrtNm>Invalidenstr.</StrtNm><BldgNb>7</BldgNb><AdrLine>c/o Hof 2</AdrLine></PstlAdr>');
    expect(addressLines(adr)).toEqual(['c/o Hof 2', 'Invalidenstr. 7', '10115 Berlin', 'DE']);
  });
});

describe('classify', () => {
  const entry = (inner: string): Promise<XmlNode> => node(`<Ntry>${inner}</Ntry>`);
  it.each([
    ['<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>', 'credit'],
    ['<CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>', 'credit'],
    ['<CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>', 'skip'],
    ['<CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts>', 'skip'],
    ['<CdtDbtInd>CRDT</CdtDbtInd><Sts>INFO</Sts>', 'skip'],
    ['<CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>', 'skip'],
    ['<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BkTxCd><Domn><Fmly><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>', 'skip'],
    ['<Sts>BOOK</Sts>', 'invalid'],
    ['<CdtDbtInd>CRDT</CdtDbtInd>', 'invalid'],
  ])('%s → %s', async (inner, kind) => {
    expect(classify(await entry(inner), undefined).kind).toBe(kind);
  });
  it('a DBIT transaction inside a CRDT entry is skipped; RtrInf is a return', async () => {
    const e = await entry('<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>');
    expect(classify(e, await node('<TxDtls><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>'))).toEqual({ kind: 'skip', reason: 'debit (CdtDbtInd DBIT)' });
    expect(classify(e, await node('<TxDtls><RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf></TxDtls>'))).toMatchObject({ kind: 'skip', reason: expect.stringContaining('AC04') });
  });
});

describe('value date', () => {
  it('prefers ValDt, takes the date part of DtTm, falls back to BookgDt', async () => {
    expect(valueDateOf(await node('<Ntry><BookgDt><Dt>2026-01-02</Dt></BookgDt><ValDt><Dt>2026-01-03</Dt></ValDt></Ntry>'))).toEqual({ ok: true, date: '2026-01-03' });
    expect(valueDateOf(await node('<Ntry><ValDt><DtTm>2026-01-03T23:30:00-05:00</DtTm></ValDt></Ntry>'))).toEqual({ ok: true, date: '2026-01-03' });
    expect(valueDateOf(await node('<Ntry><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>'))).toEqual({ ok: true, date: '2026-01-02' });
    expect(valueDateOf(await node('<Ntry/>'))).toMatchObject({ ok: false, code: 'CAMT.MISSING_VALUE_DATE' });
  });
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['2026-11-20+01:00', '2026-11-20'],
    ['2026-02-29', null],
    ['2026-13-01', null],
    ['20261120', null],
    ['2026-11-20junk', null],
  ])('calendarDate(%s) = %s', (value, expected) => {
    expect(calendarDate(value)).toBe(expected);
  });
});
