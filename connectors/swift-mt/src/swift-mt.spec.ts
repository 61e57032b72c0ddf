import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { swiftMtConnector, type FinParseOutcome } from '@connectors/swift-mt';

/**
 * Golden files (docs/conventions.md §2): every `test/fixtures/ok/<case>.fin` must parse to exactly
 * `<case>.expected.json`, every `not-ok` case must report exactly the listed issue codes and lines.
 * A bank's odd file becomes a new fixture, not new code. `UPDATE_GOLDEN=1` rewrites the expected
 * files; review the diff before committing it.
 */
const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

function cases(folder: 'ok' | 'not-ok' | 'irregular'): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((f) => f.endsWith('.fin'))
    .map((f) => f.slice(0, -'.fin'.length))
    .sort();
}

async function parseFile(folder: string, name: string): Promise<FinParseOutcome> {
  const bytes = readFileSync(join(FIXTURES, folder, `${name}.fin`));
  return (await swiftMtConnector.parse(new Uint8Array(bytes))) as FinParseOutcome;
}

function golden(folder: string, name: string, actual: unknown): unknown {
  const path = join(FIXTURES, folder, `${name}.expected.json`);
  if (update) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('swift-mt golden files', () => {
  it('has at least 40 cases', () => {
    expect(cases('ok').length + cases('not-ok').length + cases('irregular').length).toBeGreaterThanOrEqual(40);
  });

  describe.each(cases('ok'))('ok/%s', (name) => {
    it('parses to the expected remittances, with no issue', async () => {
      const outcome = await parseFile('ok', name);
      const actual = { remittances: outcome.remittances, skipped: outcome.skipped, issues: outcome.issues, unusable: outcome.unusable };
      expect(outcome.issues).toEqual([]);
      for (const r of outcome.remittances) expect(r.remittance.irregularities).toEqual([]);
      expect(actual).toEqual(golden('ok', name, actual));
    });
  });

  // Booked money that broke a network or format rule (issue 21): kept, with the rule codes.
  describe.each(cases('irregular'))('irregular/%s', (name) => {
    it('yields the remittance, flagged with the expected rule codes, and no issue', async () => {
      const outcome = await parseFile('irregular', name);
      expect(outcome.issues).toEqual([]);
      expect(outcome.remittances.length).toBeGreaterThan(0);
      for (const r of outcome.remittances) {
        expect(r.remittance.irregularities?.length).toBeGreaterThan(0);
        for (const i of r.remittance.irregularities ?? []) expect(i.message.length).toBeGreaterThan(10);
      }
      const actual = outcome.remittances.map((r) => ({
        index: r.location.index,
        messageRef: r.remittance.messageRef,
        amount: `${r.remittance.currency} ${r.remittance.amount}`,
        irregularities: r.remittance.irregularities?.map((i) => ({ code: i.code, field: i.field })),
      }));
      expect(actual).toEqual(golden('irregular', name, actual));
    });
  });

  describe.each(cases('not-ok'))('not-ok/%s', (name) => {
    it('reports the expected issues and keeps the good neighbours', async () => {
      const outcome = await parseFile('not-ok', name);
      const actual = {
        issues: outcome.issues.map((i) => ({ code: i.code, line: i.line, field: i.field, index: i.index })),
        remittances: outcome.remittances.map((r) => ({ index: r.location.index, line: r.location.line, messageRef: r.remittance.messageRef })),
        unusable: outcome.unusable,
      };
      expect(outcome.issues.length).toBeGreaterThan(0);
      for (const issue of outcome.issues) expect(issue.message.length).toBeGreaterThan(10);
      expect(actual).toEqual(golden('not-ok', name, actual));
    });
  });
});
