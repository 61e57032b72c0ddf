import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { bankCsvConnector, parseCsvStream } from '@connectors/bank-csv';
import type { ParseOutcome } from '@ereceipt/contracts';

/**
 * Golden files (docs/conventions.md §2): `fixtures/ok/<case>.csv` must parse to exactly `<case>.expected.json`;
 * `fixtures/not-ok/<case>.csv` must give the expected issues (codes, lines, fields) and keep the good
 * rows. `<case>.profile` names a shipped profile, or holds a profile object as JSON.
 * A bank's odd file becomes a new fixture here, not new code.
 */
const root = join(__dirname, 'fixtures');

function cases(kind: 'ok' | 'not-ok'): string[] {
  return readdirSync(join(root, kind)).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4)).sort();
}

async function parseCase(kind: 'ok' | 'not-ok', name: string): Promise<ParseOutcome> {
  const base = join(root, kind, name);
  const profileText = existsSync(`${base}.profile`) ? readFileSync(`${base}.profile`, 'utf8').trim() : 'generic';
  const profile = profileText.startsWith('{') ? (JSON.parse(profileText) as Record<string, unknown>) : profileText;
  return bankCsvConnector.parse(readFileSync(`${base}.csv`), { profile });
}

/** `UPDATE_GOLDEN=1` rewrites the expected files from the actual outcome; review the diff before committing it. */
const update = process.env.UPDATE_GOLDEN === '1';
const expected = (kind: string, name: string, actual?: unknown): unknown => {
  if (update && actual !== undefined) writeFileSync(join(root, kind, `${name}.expected.json`), `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(join(root, kind, `${name}.expected.json`), 'utf8'));
};

describe('bank-csv golden files', () => {
  it('has enough cases', () => {
    expect(cases('ok').length + cases('not-ok').length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases('ok'))('ok/%s parses to its expected remittances', async (name) => {
    const outcome = await parseCase('ok', name);
    expect(outcome.issues).toEqual([]);
    expect(outcome.unusable).toBe(false);
    expect(outcome).toEqual(expected('ok', name, outcome));
  });

  it.each(cases('not-ok'))('not-ok/%s reports its issues and keeps the good rows', async (name) => {
    const outcome = await parseCase('not-ok', name);
    const actual = {
      unusable: outcome.unusable,
      remittances: outcome.remittances.map((r) => ({ line: r.location.line, messageRef: r.remittance.messageRef, amount: r.remittance.amount })),
      skipped: outcome.skipped,
      issues: outcome.issues,
    };
    const want = expected('not-ok', name, actual) as { unusable: boolean; remittances: unknown[]; skipped: unknown[]; issues: unknown[] };
    expect(outcome.issues.length).toBeGreaterThan(0);
    expect(outcome.unusable).toBe(want.unusable);
    expect(outcome.issues).toEqual(want.issues);
    expect(outcome.skipped).toEqual(want.skipped);
    expect(outcome.remittances.map((r) => ({ line: r.location.line, messageRef: r.remittance.messageRef, amount: r.remittance.amount }))).toEqual(want.remittances);
  });

  it('the GBK fixtures really are GBK, not UTF-8', () => {
    const bytes = readFileSync(join(root, 'ok', 'cn-gbk-drcr-preamble-footer.csv'));
    expect(bytes.toString('utf8')).toContain('\ufffd');
    expect(iconv.decode(bytes, 'gbk')).toContain('借贷标志');
  });

  it.each([
    ['ok', 'cn-gbk-drcr-preamble-footer', 'cn-corporate-gbk'],
    ['ok', 'de-semicolon-decimal-comma-split', 'de-sepa-split'],
    ['ok', 'generic-quoted-newline', 'generic'],
  ] as const)('streams %s/%s one byte at a time with the same result (split GBK characters, split CRLF, BOM)', async (kind, name, profile) => {
    const bytes = readFileSync(join(root, kind, `${name}.csv`));
    async function* oneByte() {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const events = [];
    for await (const e of parseCsvStream(oneByte(), profile)) events.push(e);
    const whole = await parseCase(kind, name);
    expect(events.filter((e) => e.type === 'remittance')).toEqual(whole.remittances.map((r) => ({ type: 'remittance', ...r })));
    expect(events.filter((e) => e.type === 'skipped')).toEqual(whole.skipped.map((skipped) => ({ type: 'skipped', skipped })));
  });
});
