import { csvProfileNames, loadProfile } from './profiles';
import { looksLikeCsv } from './detect';

describe('profiles', () => {
  it.each(csvProfileNames)('shipped profile %s is valid', (name) => {
    const loaded = loadProfile(name);
    expect(loaded).toMatchObject({ ok: true, profile: { name } });
  });

  it('ships generic and at least two bank profiles', () => {
    expect(csvProfileNames).toEqual(expect.arrayContaining(['generic', 'cn-corporate-gbk', 'de-sepa-split']));
  });

  it('refuses an unknown profile with the known names', () => {
    expect(loadProfile('nope')).toEqual({
      ok: false,
      issue: { code: 'CSV.UNKNOWN_PROFILE', message: 'unknown CSV profile "nope"; known profiles: generic, cn-corporate-gbk, de-sepa-split', line: null, field: 'profile', index: null },
    });
    expect(loadProfile('toString').ok).toBe(false);
  });

  it('says precisely what is wrong with a profile object', () => {
    const base = loadProfile('generic');
    if (!base.ok) throw new Error('generic must load');
    const broken = { ...base.profile, sign: { model: 'split' }, defaultCurrency: 'XXY', footer: { lines: 0, pattern: '(' } };
    const loaded = loadProfile(broken);
    expect(loaded.ok).toBe(false);
    const message = loaded.ok ? '' : loaded.issue.message;
    expect(message).toContain('columns.credit_amount: required for sign model "split"');
    expect(message).toContain('columns.debit_amount: required for sign model "split"');
    expect(message).toContain('defaultCurrency: "XXY" is not an ISO 4217 currency');
    expect(message).toContain('footer.pattern: not a valid regular expression');
  });

  it('requires a currency column or a default currency', () => {
    const base = loadProfile('generic');
    if (!base.ok) throw new Error('generic must load');
    const { currency: _currency, ...columns } = base.profile.columns;
    const loaded = loadProfile({ ...base.profile, columns });
    expect(loaded.ok ? '' : loaded.issue.message).toContain('defaultCurrency: required when columns.currency is not mapped');
  });
});

describe('looksLikeCsv', () => {
  it.each([
    ['value_date,currency,amount\n2026-11-20,USD,1.00\n'],
    ['\ufeffvalue_date,currency,amount\r\n'],
    ['Kontonummer:;DE44\n\n"Buchungstag";"Wertstellung";"Soll";"Haben"\n"01.11.2026";"01.11.2026";"";"1,00"\n'],
    ['Date\tAmount\tPayer\n2026/12/18\t1.00\tX\n'],
  ])('accepts %j', (head) => {
    expect(looksLikeCsv(head)).toBe(true);
  });

  it.each([
    ['{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:REF,1\r\n-}'],
    ['<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"/>'],
    [':20:PAYREF-0001\n:32A:261120USD9985,00\n'],
    ['hello world'],
    [''],
  ])('rejects %j', (head) => {
    expect(looksLikeCsv(head)).toBe(false);
  });
});
