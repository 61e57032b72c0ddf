import { parseAmount, parseCurrencyAmount, parseRate, parseYymmdd } from '@connectors/swift-mt';
import { toAmount } from '@ereceipt/money';
import { firstOutside } from './charset';
import { readInstructions, readNarrative, referencesIn } from './remittance-codes';
import { tokenizeFields } from './block4-fields';
import { IssueSink } from './fin-issues';

describe('SWIFT d amounts (UHB: decimal comma mandatory, C03 minor digits)', () => {
  it.each([
    ['3700,', 'USD', '3700.00'],
    ['1417,8', 'USD', '1417.80'],
    ['0,92', 'EUR', '0.92'],
    ['1000,', 'JPY', '1000'],
    ['1250,125', 'KWD', '1250.125'],
    ['0000100,5', 'USD', '100.50'],
    ['12345678901234,', 'USD', '12345678901234.00'],
  ])('accepts %s %s as %s', (text, currency, expected) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1000', 'USD', 'no decimal comma'],
    [',50', 'USD', 'no digit before'],
    ['1000.50', 'USD', 'decimal point'],
    ['1.234,56', 'EUR', 'thousands separator'],
    ['1 234,56', 'EUR', 'only digits'],
    ['1,5', 'JPY', 'JPY allows 0'],
    ['1000,50', 'JPY', 'JPY allows 0'],
    ['1,2345', 'KWD', 'KWD allows 3'],
    ['1,234', 'USD', 'USD allows 2'],
    ['123456789012345,', 'USD', 'longer than 15'],
    ['', 'USD', 'empty'],
    ['1,2,3', 'USD', 'only digits'],
  ])('rejects %s %s (%s)', (text, currency, reason) => {
    const result = parseAmount(text, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('checks the currency of 3!a15d', () => {
    expect(parseCurrencyAmount('EUR1250,50')).toEqual({ ok: true, value: { currency: 'EUR', amount: '1250.50' } });
    expect(parseCurrencyAmount('usd10,')).toMatchObject({ ok: false });
    expect(parseCurrencyAmount('XAU10,')).toMatchObject({ ok: false, reason: expect.stringContaining('C08') });
    expect(parseCurrencyAmount('ABC10,')).toMatchObject({ ok: false, reason: expect.stringContaining('T52') });
  });

  it('reads 12d exchange rates as decimal strings', () => {
    expect(parseRate('1,082')).toEqual({ ok: true, value: '1.082' });
    expect(parseRate('7,')).toEqual({ ok: true, value: '7' });
    expect(parseRate('0,')).toMatchObject({ ok: false });
    expect(parseRate('1234567890,12')).toMatchObject({ ok: false });
  });
});

describe('YYMMDD dates (T50)', () => {
  it.each([
    ['261120', '2026-11-20'],
    ['280229', '2028-02-29'],
    ['000229', '2000-02-29'],
    ['991231', '1999-12-31'],
    ['800101', '1980-01-01'],
    ['790101', '1979-01-01'],
    ['451231', '2045-12-31'],
    ['460101', '1946-01-01'],
  ])('reads %s as %s around 2026 (window 1946..2045)', (text, iso) => {
    expect(parseYymmdd(text, 2026)).toEqual({ ok: true, value: iso });
  });

  it('moves the window with the reference year', () => {
    expect(parseYymmdd('790101', 2060)).toEqual({ ok: true, value: '2079-01-01' });
    expect(parseYymmdd('990101', 2000)).toEqual({ ok: true, value: '1999-01-01' });
  });

  it.each(['260230', '270229', '261301', '261100', '260431', '123456', '26112', '2611201', 'AB1120'])('rejects %s', (text) => {
    expect(parseYymmdd(text, 2026).ok).toBe(false);
  });
});

describe('X character set', () => {
  it('allows the x set and finds the first character outside it', () => {
    expect(firstOutside("ABC abc 123 /-?:().,'+", 'x')).toBe(-1);
    expect(firstOutside('AP@ACME', 'x')).toBe(2);
    expect(firstOutside('SOCIÉTÉ', 'x')).toBe(4);
    expect(firstOutside('A\tB', 'x')).toBe(1);
    expect(firstOutside('A{B=C@D#', 'z')).toBe(-1);
    expect(firstOutside('A}B', 'z')).toBe(1);
  });
});

describe('block 4 tokenizer', () => {
  it('splits only on a line starting with :tag:, so narrative lines with - or : stay in their field', () => {
    const sink = new IssueSink(0);
    const fields = tokenizeFields('\r\n:20:REF1\r\n:70:LINE ONE\r\n-DASH LINE\r\n:NOT A TAG\r\n:71A:SHA\r\n', 10, sink);
    expect(sink.issues).toEqual([]);
    expect(fields.map((f) => [f.tag, f.lines, f.lineNumbers[0]])).toEqual([
      ['20', ['REF1'], 11],
      ['70', ['LINE ONE', '-DASH LINE', ':NOT A TAG'], 12],
      ['71A', ['SHA'], 15],
    ]);
  });
});

describe('field 70 references (/INV/ /RFB/ /ROC/)', () => {
  it('splits // separated references and glues a full 35-character line to the next', () => {
    expect(referencesIn(['/INV/abc/SDF-96//1234-234///ROC/98I', 'U87'])).toEqual(['abc/SDF-96', '1234-234', '98IU87']);
  });

  it('ends a reference at a short line and ignores codes it does not collect', () => {
    expect(referencesIn(['/RFB/EO2026000555', 'PAYMENT FOR ORDER'])).toEqual(['EO2026000555']);
    // A known code glued to the text before it still starts a reference (issue 21).
    expect(referencesIn(['/TSU/00001/INV/X', 'PAYMENT /INV/ 4711'])).toEqual(['X', '4711']);
    expect(referencesIn(['NO CODES HERE'])).toEqual([]);
  });

  it('splits a code in the middle of a line and keeps every code typed', () => {
    expect(readNarrative(['EO-2026-833800/ROC/Q410556'])).toEqual({ typed: [{ code: 'ROC', value: 'Q410556' }], references: ['Q410556'] });
    expect(readNarrative(['/URI/HTTPS://X.EXAMPLE/INV/1', '/BENEFRES/EO-2026-1//EO-2026-2']).typed).toEqual([
      { code: 'URI', value: 'HTTPS://X.EXAMPLE/INV/1' },
      { code: 'BENEFRES', value: 'EO-2026-1' },
      { code: 'BENEFRES', value: 'EO-2026-2' },
    ]);
    expect(referencesIn(['/INV/2026/ABC/1'])).toEqual(['2026/ABC/1']);
  });
});

describe('field 72 codes', () => {
  it('reads /CODE/ lines with // continuations', () => {
    expect(readInstructions(['/ACC/INSTANT CREDIT', '//PLEASE', '/INS/CHASUS33', 'LOOSE TEXT'])).toEqual([
      { code: 'ACC', value: 'INSTANT CREDIT PLEASE' },
      { code: 'INS', value: 'CHASUS33' },
      { code: 'TEXT', value: 'LOOSE TEXT' },
    ]);
  });
});

describe('canonical amounts by string arithmetic (same as @ereceipt/money toAmount)', () => {
  it.each([
    ['0001234,5', 'USD', '1234.50'],
    ['0,', 'USD', '0.00'],
    ['000,', 'JPY', '0'],
    ['15459988,', 'JPY', '15459988'],
    ['1,234', 'KWD', '1.234'],
    ['100000000000,99', 'EUR', '100000000000.99'],
  ])('%s %s -> %s', (text, currency, expected) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: expected });
    expect(toAmount(text.replace(',', '.').replace(/\.$/, ''), currency)).toBe(expected);
  });
});
