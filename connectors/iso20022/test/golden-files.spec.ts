import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { canonicalRemittanceSchema } from '@ereceipt/contracts';
import { camtIrregularityCodes, camtIssueCodes, iso20022Connector, parseCamt } from '@connectors/iso20022';

/**
 * Golden files (docs/conventions.md §2): `fixtures/ok/<case>.xml` must give exactly `<case>.expected.json`;
 * `fixtures/not-ok/<case>.xml` must give the expected issue codes, lines, fields and indexes.
 * A bank's odd file becomes a new fixture here, not new code.
 */
const root = join(__dirname, 'fixtures');
/** `UPDATE_GOLDEN=1` rewrites the expected files; review the diff before committing it. */
const update = process.env.UPDATE_GOLDEN === '1';
const golden = (kind: string, name: string, actual: unknown): void => {
  if (update) writeFileSync(join(root, kind, `${name}.expected.json`), `${JSON.stringify(actual, null, 2)}\n`);
};
const cases = (kind: 'ok' | 'not-ok' | 'irregular'): string[] =>
  readdirSync(join(root, kind))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => f.slice(0, -'.xml'.length))
    .sort();
const load = (kind: string, name: string): { xml: string; expected: Record<string, unknown> } => ({
  xml: readFileSync(join(root, kind, `${name}.xml`), 'utf8'),
  expected: update ? {} : (JSON.parse(readFileSync(join(root, kind, `${name}.expected.json`), 'utf8')) as Record<string, unknown>),
});

describe('camt golden files: ok', () => {
  it.each(cases('ok'))('%s', async (name) => {
    const { xml, expected } = load('ok', name);
    const outcome = await parseCamt(xml);
    expect(outcome.unusable).toBe(false);
    const actual = {
      remittances: outcome.remittances.map((r) => ({ index: r.location.index, line: r.location.line, remittance: r.remittance })),
      skipped: outcome.skipped,
      issues: outcome.issues,
    };
    golden('ok', name, actual);
    for (const r of outcome.remittances) expect(r.remittance.irregularities).toEqual([]);
    expect(actual).toEqual(update ? actual : expected);
    for (const { remittance, location } of outcome.remittances) {
      expect(canonicalRemittanceSchema.parse(remittance)).toEqual(remittance);
      // The raw text is the transaction as received, starting at the reported line.
      expect(location.raw).toMatch(/^<(\w+:)?(TxDtls|Ntry)[\s>]/);
      expect(xml.split('\n')[location.line - 1]).toContain(location.raw.split('\n')[0]);
    }
  });

  it('the same file through the connector (bytes) gives the same outcome', async () => {
    for (const name of cases('ok')) {
      const { xml } = load('ok', name);
      expect(iso20022Connector.detect(xml.slice(0, 512))).toBe(true);
      expect(await iso20022Connector.parse(new TextEncoder().encode(xml))).toEqual(await parseCamt(xml));
    }
  });
});

describe('camt golden files: not-ok', () => {
  it.each(cases('not-ok'))('%s', async (name) => {
    const { xml, expected } = load('not-ok', name);
    const outcome = await parseCamt(xml);
    const actual = {
      unusable: outcome.unusable,
      issues: outcome.issues.map(({ code, line, field, index }) => ({ code, line, field, index })),
      remittanceCount: outcome.remittances.length,
      skippedCount: outcome.skipped.length,
    };
    golden('not-ok', name, actual);
    expect(actual).toEqual(update ? actual : expected);
    for (const issue of outcome.issues) {
      expect(camtIssueCodes).toContain(issue.code);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });
});

// Booked money that broke a rule (issue 21): kept, flagged with the rule codes, no issue.
describe('camt golden files: irregular', () => {
  it.each(cases('irregular'))('%s', async (name) => {
    const { xml, expected } = load('irregular', name);
    const outcome = await parseCamt(xml);
    expect(outcome.issues).toEqual([]);
    expect(outcome.remittances.length).toBeGreaterThan(0);
    const actual = {
      remittances: outcome.remittances.map((r) => ({
        index: r.location.index,
        messageRef: r.remittance.messageRef,
        amount: `${r.remittance.currency} ${r.remittance.amount}`,
        irregularities: (r.remittance.irregularities ?? []).map(({ code, field }) => ({ code, field })),
      })),
    };
    golden('irregular', name, actual);
    for (const r of outcome.remittances) for (const i of r.remittance.irregularities ?? []) expect(camtIrregularityCodes).toContain(i.code);
    expect(actual).toEqual(update ? actual : expected);
  });
});

describe('fixture coverage', () => {
  it('has at least 15 cases', () => {
    expect(cases('ok').length + cases('not-ok').length).toBeGreaterThanOrEqual(15);
  });
});
