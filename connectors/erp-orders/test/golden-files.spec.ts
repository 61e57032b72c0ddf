import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { erpOrderIssueCodes, parseErpOrder } from '@connectors/erp-orders';

/**
 * Golden files (docs/conventions.md §2): `fixtures/ok/<case>.json|xml` must give exactly `<case>.expected.json`;
 * `fixtures/not-ok/<case>.json|xml` must give the expected issue codes, fields and lines. The
 * extension picks the content type (`.xml` is sent as application/xml, `.json` with no header).
 */
const root = join(__dirname, 'fixtures');
const cases = (kind: 'ok' | 'not-ok'): string[] =>
  readdirSync(join(root, kind))
    .filter((f) => !f.endsWith('.expected.json'))
    .sort();
const load = (kind: string, file: string) => ({
  bytes: readFileSync(join(root, kind, file)),
  contentType: file.endsWith('.xml') ? 'application/xml' : undefined,
  expected: JSON.parse(readFileSync(join(root, kind, file.replace(/\.(json|xml)$/, '.expected.json')), 'utf8')) as unknown,
});

describe('erp-orders golden files: ok', () => {
  it.each(cases('ok'))('%s', async (file) => {
    const { bytes, contentType, expected } = load('ok', file);
    const result = await parseErpOrder(bytes, contentType);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect({ format: result.format, value: result.value }).toEqual(expected);
  });

  it('the JSON and the XML form of the same message give the same value', async () => {
    const json = await parseErpOrder(load('ok', 'upsert-json.json').bytes);
    const xml = await parseErpOrder(load('ok', 'upsert-xml-wrapped.xml').bytes, 'application/xml; charset=utf-8');
    expect(json.ok && xml.ok).toBe(true);
    if (json.ok && xml.ok) expect(xml.value).toEqual(json.value);
  });
});

describe('erp-orders golden files: not-ok', () => {
  it.each(cases('not-ok'))('%s', async (file) => {
    const { bytes, contentType, expected } = load('not-ok', file);
    const result = await parseErpOrder(bytes, contentType);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ issues: result.issues.map(({ code, field, line }) => ({ code, field, line })) }).toEqual(expected);
    for (const i of result.issues) {
      expect(erpOrderIssueCodes).toContain(i.code);
      expect(i.message.length).toBeGreaterThan(0);
    }
  });
});

describe('the demo samples (samples/erp-order.json and .xml)', () => {
  it('parse, and say the same thing', async () => {
    const samples = join(__dirname, '..', '..', '..', 'samples');
    const json = await parseErpOrder(readFileSync(join(samples, 'erp-order.json')));
    const xml = await parseErpOrder(readFileSync(join(samples, 'erp-order.xml')), 'application/xml');
    if (!json.ok || !xml.ok) throw new Error(JSON.stringify([json, xml]));
    expect(xml.value).toEqual(json.value);
  });
});

describe('fixture coverage', () => {
  it('has good JSON, good XML and at least ten bad cases', () => {
    expect(cases('ok').filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(2);
    expect(cases('ok').filter((f) => f.endsWith('.xml')).length).toBeGreaterThanOrEqual(2);
    expect(cases('not-ok').length).toBeGreaterThanOrEqual(10);
  });
});
