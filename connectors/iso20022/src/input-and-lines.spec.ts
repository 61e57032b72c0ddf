import { iso20022Connector, parseCamt } from '@connectors/iso20022';
import { decodeInput, MAX_INPUT_BYTES } from './input-guards';
import { lineAt } from './line-index';
import { describeSaxesError, readXml } from './read-xml';
import { all, first } from './xml-node';

describe('lineAt', () => {
  it('counts LF, CRLF and lone CR line ends', () => {
    expect([0, 2, 5, 7].map((o) => lineAt('a\nb\r\nc\rd', o))).toEqual([1, 2, 3, 4]);
  });
});

describe('readXml spans', () => {
  it('gives Ntry and TxDtls their start line and raw text, ignoring comments and CDATA', () => {
    const xml = '<D>\n<!-- <Ntry> -->\n<x:Ntry a=">">\n<![CDATA[<TxDtls>]]>\n<TxDtls>1</TxDtls><TxDtls/>\n</x:Ntry></D>';
    const read = readXml(xml);
    if (!read.ok) throw new Error(read.message);
    const entry = first(read.doc, 'D/Ntry');
    expect(entry?.span).toEqual({ line: 3, raw: xml.slice(xml.indexOf('<x:Ntry'), xml.indexOf('</D>')) });
    expect(all(entry, 'TxDtls').map((t) => t.span)).toEqual([
      { line: 5, raw: '<TxDtls>1</TxDtls>' },
      { line: 5, raw: '<TxDtls/>' },
    ]);
  });

  it('counts lines after CRLF, lone CR and a line break inside the start tag', () => {
    const xml = '<D>\r\n<Ntry>\r<TxDtls\n  a="1">x</TxDtls></Ntry></D>';
    const read = readXml(xml);
    if (!read.ok) throw new Error(read.message);
    expect(first(read.doc, 'D/Ntry')?.span?.line).toBe(2);
    expect(first(read.doc, 'D/Ntry/TxDtls')?.span).toEqual({ line: 3, raw: '<TxDtls\n  a="1">x</TxDtls>' });
  });

  it('names the line where malformed XML stops the parser', () => {
    expect(readXml('<D>\n<Ntry>\n<Amt>1</Ntry>\n</D>')).toMatchObject({ ok: false, line: 3 });
  });
});

describe('input guards', () => {
  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(decodeInput(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e]))).toMatchObject({ ok: false, issue: { code: 'CAMT.BAD_ENCODING' } });
  });
  it('decodes a declared ISO-8859-1 document', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, ...new TextEncoder().encode('</a>')]);
    expect(decodeInput(bytes)).toEqual({ ok: true, text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>' });
  });
  it('refuses oversized input before parsing', async () => {
    const outcome = await iso20022Connector.parse(new Uint8Array(MAX_INPUT_BYTES + 1));
    expect(outcome).toMatchObject({ unusable: true, issues: [{ code: 'CAMT.INPUT_TOO_LARGE' }] });
  });
  it('turns saxes messages into a line and a 1-based column', () => {
    expect(describeSaxesError(new Error('5:6: unexpected close tag.'), 5, 6)).toEqual({ line: 5, message: 'unexpected close tag. (column 7)' });
  });
  it.each([
    ['', 'CAMT.MALFORMED_XML'],
    ['not xml at all', 'CAMT.MALFORMED_XML'],
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>', 'CAMT.NOT_CAMT'],
    ['<Other/>', 'CAMT.NOT_CAMT'],
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.01"><BkToCstmrDbtCdtNtfctn/></Document>', 'CAMT.UNSUPPORTED_VERSION'],
    ['<!ENTITY x "y"><a/>', 'CAMT.DOCTYPE_FORBIDDEN'],
  ])('%j is unusable with %s', async (xml, code) => {
    expect(await parseCamt(xml)).toMatchObject({ unusable: true, remittances: [], issues: [{ code }] });
  });
  it('accepts an envelope around Document and an empty statement', async () => {
    const xml =
      '<BizMsg><AppHdr/><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt><Stmt><Id>1</Id></Stmt></BkToCstmrStmt></Document></BizMsg>';
    expect(await parseCamt(xml)).toEqual({ remittances: [], issues: [], skipped: [], unusable: false });
  });
  it('detect wants XML with a camt.05x namespace', () => {
    expect(iso20022Connector.detect('\uFEFF<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">')).toBe(true);
    expect(iso20022Connector.detect('{1:F01BANKBEBBAXXX0000000000}{2:I103')).toBe(false);
    expect(iso20022Connector.detect('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">')).toBe(false);
  });
});
