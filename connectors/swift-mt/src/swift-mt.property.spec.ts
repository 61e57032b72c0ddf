import fc from 'fast-check';
import { canonicalRemittanceSchema } from '@ereceipt/contracts';
import { parseFin, swiftMtConnector, MAX_INPUT_CHARS } from '@connectors/swift-mt';
import { firstOutside, isAllX } from './charset';

/**
 * The parser never throws, always finishes, and every message ends up somewhere: a remittance,
 * a skipped entry, or issues. Each run is bounded (inputs of a few KiB, a time budget per parse).
 */
const VALID = [
  '{1:F01CHASUS33AXXX0000000000}{2:I103BKCHCNBJ400N}{3:{119:STP}{121:eb6305c9-1f7f-49de-aed0-16487c27b42d}}{4:',
  ':20:PAYREF-0001',
  ':23B:CRED',
  ':32A:261120USD9985,',
  ':33B:USD10000,',
  ':50F:/DE89370400440532013000',
  '1/MUELLER MASCHINENBAU GMBH',
  '2/HAUPTSTRASSE 12',
  '3/DE/STUTTGART',
  ':52A:CHASUS33',
  ':59:/VA88000012345',
  'NINGBO EXAMPLE CO LTD',
  ':70:/INV/EO-2026-000123',
  ':71A:SHA',
  ':71F:USD15,',
  '-}{5:{CHK:4A2D9C1B7E30}{PDE:}}',
].join('\r\n');

const FIN_ALPHABET = ['{', '}', ':', '\r\n', '\n', '-', '$', '\u0001', '\u0003', ',', '.', '/', '1', '4', '2', '0', 'A', 'F', 'I', 'O', 'S', 'é', '@', ' ', '\u0000'];

function assertWellFormed(text: string): void {
  // Bounded in time is shown by `npm run fuzz` (it prints the slowest input), not asserted here: the machine is shared.
  const outcome = parseFin(text);
  expect(Array.isArray(outcome.remittances)).toBe(true);
  for (const r of outcome.remittances) expect(canonicalRemittanceSchema.safeParse(r.remittance).success).toBe(true);
  for (const issue of outcome.issues) {
    expect(issue.code).toMatch(/^MT(103|910)?\.[A-Z0-9_]+$/);
    expect(issue.code).not.toBe('MT.INTERNAL_ERROR');
  }
  // Every message went exactly one way.
  for (const m of outcome.messages) {
    const hasRemittance = outcome.remittances.some((r) => r.location.index === m.index);
    const hasIssues = outcome.issues.some((i) => i.index === m.index);
    const isSkipped = outcome.skipped.some((s) => s.index === m.index);
    expect([hasRemittance, hasIssues, isSkipped].filter(Boolean)).toHaveLength(1);
  }
  if (outcome.messages.length === 0) expect(outcome.unusable).toBe(true);
}

describe('swift-mt never throws', () => {
  it('the valid seed message parses', () => {
    const outcome = parseFin(VALID);
    expect(outcome.issues).toEqual([]);
    expect(outcome.remittances).toHaveLength(1);
  });

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => assertWellFormed(s)), { numRuns: 300 });
  });

  it('on strings made of FIN punctuation', () => {
    const finish = fc.array(fc.constantFrom(...FIN_ALPHABET), { maxLength: 600 }).map((a) => a.join(''));
    fc.assert(fc.property(finish, (s) => assertWellFormed(s)), { numRuns: 300 });
  });

  it('on mutations of a valid message (deleted, replaced, inserted and duplicated slices)', () => {
    const mutation = fc.record({
      at: fc.nat({ max: VALID.length }),
      length: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('{', '}', '\r\n-}', '\n:71F:', '$', '\u0001', ',', '.', '{1:F01')),
      copies: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let text = VALID;
        for (const m of mutations) {
          const at = Math.min(m.at, text.length);
          text = text.slice(0, at) + m.insert + text.slice(at + m.length);
        }
        assertWellFormed(Array.from({ length: mutations[0].copies }, () => text).join('\n$\n'));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses oversized input as unusable without scanning it', async () => {
    const outcome = await swiftMtConnector.parse(new Uint8Array(MAX_INPUT_CHARS + 1));
    expect(outcome.unusable).toBe(true);
    expect(outcome.issues.map((i) => i.code)).toEqual(['MT.TOO_LARGE']);
  });

  // Linear on hostile repetition: a quadratic path would hang here (the jest timeout catches it);
  // no wall-clock assertion (the machine is shared): `npm run fuzz` prints the slowest input's time.
  it('finishes on hostile repetition (many open blocks, no terminators)', () => {
    for (const unit of ['{4:\n:20:X\n', '{3:{121:', '{1:', '$', '\u0001{4:\n']) {
      const outcome = parseFin(unit.repeat(Math.floor(200_000 / unit.length)));
      expect(outcome.issues.length + outcome.remittances.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('decodes bytes leniently and detects FIN heads', async () => {
    const latin1 = new Uint8Array([...Buffer.from(VALID.replace('NINGBO EXAMPLE', 'NINGBO EXAMPL\u00c9'), 'latin1')]);
    const outcome = await swiftMtConnector.parse(latin1);
    // An accented letter breaks the x set: the wire is kept and flagged (issue 21).
    expect(outcome.issues).toEqual([]);
    expect(outcome.remittances[0].remittance.irregularities?.map((i) => i.code)).toEqual(['MT103.X_CHARSET']);
    expect(swiftMtConnector.detect(VALID.slice(0, 64))).toBe(true);
    expect(swiftMtConnector.detect('\u0001{1:F01')).toBe(true);
    expect(swiftMtConnector.detect('$\r\n{1:F01')).toBe(true);
    expect(swiftMtConnector.detect(':20:REF\r\n:23B:CRED')).toBe(true);
    expect(swiftMtConnector.detect('<?xml version="1.0"?><Document>')).toBe(false);
    expect(swiftMtConnector.detect('value_date,currency,amount')).toBe(false);
  });
});

describe('isAllX (the whole-block character set shortcut)', () => {
  it('is true only when every line (split as the tokenizer does) passes the x and z checks', () => {
    const alphabet = fc.constantFrom('A', 'z', '0', '/', '-', '?', ':', '(', ')', '.', ',', "'", '+', ' ', '\r\n', '\n', '\r', '@', 'é', '\t', '{', '_', '\u0000');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
        const perLine = lines.every((l) => firstOutside(l, 'x') < 0);
        if (isAllX(text)) expect(perLine && lines.every((l) => firstOutside(l, 'z') < 0)).toBe(true);
        // A CR not followed by LF is outside x wherever it stands; otherwise the two agree.
        if (!/\r(?!\n)/.test(text)) expect(isAllX(text)).toBe(perLine);
      }),
      { numRuns: 2000 },
    );
  });
});
