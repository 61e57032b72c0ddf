import { iso20022Connector, parseCamt } from '@connectors/iso20022';
import { decodeInput, MAX_INPUT_BYTES } from './input-guards';
import { LineIndex } from './line-index';
import { describeSaxError } from './read-xml';
import { scanElements } from './tag-scan';

describe('LineIndex', () => {
  it('counts LF, CRLF and lone CR line ends', () => {
    const lines = new LineIndex('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((o) => lines.lineAt(o))).toEqual([1, 2, 3, 4]);
  });
});

describe('scanElements', () => {
  it('finds start lines and raw text, ignoring comments and CDATA', () => {
    const xml = '<D>\n<!-- <Ntry> -->\n<x:Ntry a=">">\n<![CDATA[<TxDtls>]]>\n<TxDtls>1</TxDtls><TxDtls/>\n</x:Ntry></D>';
    const found = scanElements(xml, ['Ntry', 'TxDtls'], new LineIndex(xml));
    expect(found.get('Ntry')?.map((s) => s.line)).toEqual([3]);
    expect(found.get('TxDtls')).toEqual([
      { line: 5, raw: '<TxDtls>1</TxDtls>' },
      { line: 5, raw: '<TxDtls/>' },
    ]);
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
  it('turns sax messages into a 1-based line', () => {
    expect(describeSaxError(new Error('Unexpected close tag\nLine: 4\nColumn: 7\nChar: >'))).toEqual({ line: 5, message: 'Unexpected close tag (column 7)' });
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
