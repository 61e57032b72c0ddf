import { totalDeclared } from './declared-value.rules';

describe('declared goods value in the order currency', () => {
  it('same currency as is; others converted at their rate, half-even to minor digits, summed exactly', () => {
    const t = totalDeclared('USD', [
      { shipmentNo: 'S1', source: 'CUSTOMS_DECLARATION', declared: { amount: '2480.00', currency: 'USD' }, rate: null },
      { shipmentNo: 'S2', source: 'EXPORT_BILL', declared: { amount: '26970.30', currency: 'CNY' }, rate: { rate: '0.1408', validFrom: '2026-12-01T00:00:00.000Z', source: 'BANK', inverted: false } },
    ]);
    // 26970.30 x 0.1408 = 3797.418240 -> 3797.42
    expect(t).toMatchObject({ currency: 'USD', amount: '6277.42', complete: true, unconverted: [] });
    expect(t.parts.map((p) => p.converted)).toEqual(['2480.00', '3797.42']);
  });

  it('no rate: not guessed, left out of the sum, listed, incomplete', () => {
    const t = totalDeclared('USD', [
      { shipmentNo: 'S1', source: 'CUSTOMS_DECLARATION', declared: { amount: '100.00', currency: 'USD' }, rate: null },
      { shipmentNo: 'S2', source: 'EXPORT_BILL', declared: { amount: '700.00', currency: 'CNY' }, rate: null },
    ]);
    expect(t).toMatchObject({ amount: '100.00', complete: false, unconverted: [{ shipmentNo: 'S2', converted: null }] });
  });

  it('a bill still awaited keeps it incomplete; zero decimals for JPY', () => {
    expect(totalDeclared('USD', [], ['S3'])).toEqual({ currency: 'USD', amount: '0.00', complete: false, parts: [], unconverted: [], awaiting: ['S3'] });
    expect(totalDeclared('JPY', [{ shipmentNo: 'S1', source: 'EXPORT_BILL', declared: { amount: '100.00', currency: 'USD' }, rate: { rate: '151.235', validFrom: 'x', source: 'B', inverted: false } }]).amount).toBe('15124');
  });
});
