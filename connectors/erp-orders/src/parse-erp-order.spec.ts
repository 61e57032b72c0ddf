import { describeErpIssue, MAX_INPUT_BYTES, parseErpOrder } from '@connectors/erp-orders';

const seller = '7b0c4f1e-3a52-4c8e-9d1a-2f6b8e4c1a90';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const xml = (order: string, head = '<version>1</version><action>UPSERT</action>') =>
  bytes(`<erpOrder><sellerId>${seller}</sellerId><externalOrderId>X-1</externalOrderId>${head}<order>${order}</order></erpOrder>`);
const body =
  '<buyer><name>B</name><email>b@b.example</email><country>US</country></buyer><currency>USD</currency>' +
  '<incoterm>FOB</incoterm><expectedShipDate>2026-12-20</expectedShipDate><exportMethod>SELF_EXPORT</exportMethod>';
const line = (q: string, p = '1.00') => `<line><name>n</name><quantity>${q}</quantity><unit>PCS</unit><unitPrice>${p}</unitPrice></line>`;
const milestone = '<milestone><kind>BALANCE</kind><amount>1.00</amount><dueDate>2027-01-15</dueDate><preShipment>false</preShipment></milestone>';

describe('parseErpOrder', () => {
  it('XML: a single <line> and <milestone> are still lists; quantity is an integer; amounts stay strings', async () => {
    const r = await parseErpOrder(xml(body + line('7', '12.40') + milestone), 'application/xml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.order?.lines).toEqual([{ name: 'n', sku: null, hsCode: null, quantity: 7, unit: 'PCS', unitPrice: '12.40' }]);
    expect(typeof r.value.order?.lines[0].quantity).toBe('number');
    expect(r.value.order?.milestones).toEqual([{ kind: 'BALANCE', amount: '1.00', dueDate: '2027-01-15', preShipment: false }]);
  });

  it('XML: quantities that are not whole numbers stay text and are named', async () => {
    for (const q of ['1.0', '-3', '', '1e3', '9007199254740993']) {
      const r = await parseErpOrder(xml(body + line('1') + line(q) + milestone), 'text/xml');
      expect(r).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.INVALID_FIELD', field: 'order.lines[1].quantity' }] });
    }
  });

  it('XML: submit accepts the xs:boolean forms only', async () => {
    for (const [text, submit] of [['true', true], ['1', true], ['false', false], ['0', false]] as const) {
      const r = await parseErpOrder(xml(body + line('1') + milestone, `<version>1</version><action>UPSERT</action><submit>${text}</submit>`), 'application/xml');
      expect(r).toMatchObject({ ok: true, value: { submit } });
    }
    const bad = await parseErpOrder(xml(body + line('1') + milestone, '<version>1</version><action>UPSERT</action><submit>TRUE</submit>'), 'application/xml');
    expect(bad).toMatchObject({ ok: false, issues: [{ field: 'submit' }] });
  });

  it('XML: a text element given children is named, not crashed on', async () => {
    const r = await parseErpOrder(xml(body.replace('<currency>USD</currency>', '<currency><code>USD</code></currency>') + line('1') + milestone), 'application/xml');
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.INVALID_FIELD', field: 'order.currency' }] });
  });

  it('version: numbers and digit strings, canonical digits out; the bigint limit holds', async () => {
    const json = (version: unknown) => bytes(JSON.stringify({ sellerId: seller, externalOrderId: 'X', version, action: 'CANCEL' }));
    expect(await parseErpOrder(json(0))).toMatchObject({ ok: true, value: { version: '0' } });
    expect(await parseErpOrder(json('000123'))).toMatchObject({ ok: true, value: { version: '123' } });
    expect(await parseErpOrder(json('9223372036854775807'))).toMatchObject({ ok: true, value: { version: '9223372036854775807' } });
    for (const bad of ['9223372036854775808', 1.5, 2 ** 53, '12a', null, true]) {
      expect(await parseErpOrder(json(bad))).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.INVALID_FIELD', field: 'version' }] });
    }
  });

  it('content types: JSON by default and by name; anything else is refused', async () => {
    const cancel = bytes(JSON.stringify({ sellerId: seller, externalOrderId: 'X', version: 1, action: 'CANCEL' }));
    expect((await parseErpOrder(cancel, null)).ok).toBe(true);
    expect((await parseErpOrder(cancel, 'application/json; charset=utf-8')).ok).toBe(true);
    expect(await parseErpOrder(cancel, 'text/csv')).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.UNSUPPORTED_CONTENT_TYPE', field: null }] });
    // JSON sent as XML is malformed XML, said so.
    expect(await parseErpOrder(cancel, 'application/xml')).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.MALFORMED_XML' }] });
  });

  it('bytes: a UTF-8 BOM is fine; invalid UTF-8 and oversized input are refused', async () => {
    const cancel = JSON.stringify({ sellerId: seller, externalOrderId: 'X', version: 1, action: 'CANCEL' });
    expect((await parseErpOrder(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(cancel)]))).ok).toBe(true);
    expect(await parseErpOrder(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.BAD_ENCODING' }] });
    expect(await parseErpOrder(new Uint8Array(MAX_INPUT_BYTES + 1))).toMatchObject({ ok: false, issues: [{ code: 'ERP_ORDER.INPUT_TOO_LARGE' }] });
  });

  it('describes an issue with its field and code', () => {
    expect(describeErpIssue({ code: 'ERP_ORDER.INVALID_FIELD', field: 'order.lines[1].unitPrice', message: 'must be a decimal string', line: null })).toBe('order.lines[1].unitPrice: must be a decimal string [ERP_ORDER.INVALID_FIELD]');
    expect(describeErpIssue({ code: 'ERP_ORDER.MALFORMED_XML', field: null, message: 'malformed XML: x', line: 3 })).toBe('line 3: malformed XML: x [ERP_ORDER.MALFORMED_XML]');
  });
});
