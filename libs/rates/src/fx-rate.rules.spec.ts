import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invertRate, parseFxRate, pickRate } from './fx-rate.rules';

const msg = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o));
const rate = { base: 'usd', quote: 'CNY', rate: '7.10250', validFrom: '2026-12-01T08:00:00+08:00', source: 'BANK-OF-NINGBO' };

describe('bank.fx-rates messages', () => {
  it('parses: codes upper case, rate as an exact decimal string, validFrom in UTC (a bare date is 00:00 UTC)', () => {
    expect(parseFxRate(msg(rate))).toEqual({ ok: true, value: { base: 'USD', quote: 'CNY', rate: '7.1025', validFrom: '2026-12-01T00:00:00.000Z', source: 'BANK-OF-NINGBO' } });
    expect(parseFxRate(msg({ ...rate, validFrom: '2026-12-02' }))).toMatchObject({ ok: true, value: { validFrom: '2026-12-02T00:00:00.000Z' } });
  });
  it.each([
    [{ ...rate, rate: 7.1 }, /^rate:/],
    [{ ...rate, rate: '-7.1' }, /^rate:/],
    [{ ...rate, rate: '0.000' }, /^rate: must be positive/],
    [{ ...rate, rate: '1e3' }, /^rate:/],
    [{ ...rate, quote: 'USD' }, /^quote: same currency/],
    [{ ...rate, base: 'XYZ' }, /^base:/],
    [{ ...rate, validFrom: '2026-12-01T08:00:00' }, /^validFrom:/],
    [{ ...rate, validFrom: '2026-02-31' }, /^validFrom:/],
    [{ ...rate, source: '' }, /^source:/],
  ])('refuses %j', (value, message) => {
    expect(parseFxRate(msg(value))).toMatchObject({ ok: false, code: 'RATES.INVALID', message: expect.stringMatching(message) });
  });
  it('refuses what is not JSON', () => expect(parseFxRate(Buffer.from('7.1'))).toMatchObject({ ok: false }));
});

describe('rate in force', () => {
  const direct = { rate: '7.1025', validFrom: '2026-12-01T00:00:00.000Z', source: 'A', inverted: false };
  const inverse = { rate: '0.1408', validFrom: '2026-12-02T00:00:00.000Z', source: 'B', inverted: false };
  it('the more recent of direct and inverse; direct on a tie; none -> null', () => {
    expect(pickRate(direct, null)).toBe(direct);
    expect(pickRate(direct, inverse)).toEqual({ rate: '7.1022727272727272727', validFrom: inverse.validFrom, source: 'B', inverted: true });
    expect(pickRate(direct, { ...inverse, validFrom: direct.validFrom })).toBe(direct);
    expect(pickRate(null, null)).toBeNull();
  });
  it('inverts exactly to 20 significant digits', () => {
    expect(invertRate('8')).toBe('0.125');
    expect(invertRate('3')).toBe('0.33333333333333333333');
  });
});

it('samples/logistics-fx-rate.json is a valid rate', () => {
  expect(parseFxRate(readFileSync(join(__dirname, '..', '..', '..', 'samples', 'logistics-fx-rate.json')))).toMatchObject({ ok: true, value: { base: 'USD', quote: 'CNY', rate: '7.1' } });
});
