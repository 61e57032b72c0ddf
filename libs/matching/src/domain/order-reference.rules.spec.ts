import { aSimpleOrder } from './testing/builders';
import { extractOrderRefTokens, resolveOrderReferences } from './order-reference.rules';

const buyer = { key: 'B1', name: 'ACME' };
const orders = [
  aSimpleOrder('EO-2026-000123', '100.00', buyer),
  aSimpleOrder('EO-2026-000132', '100.00', buyer),
  aSimpleOrder('EO-2025-000123', '100.00', buyer),
  aSimpleOrder('EO-2026-004711', '100.00', buyer),
];
const hits = (...texts: string[]) => resolveOrderReferences(extractOrderRefTokens(texts), orders);

describe('order number in the remittance text', () => {
  it.each([
    ['EO-2026-000123'],
    ['eo-2026-000123'],
    ['EO2026000123'],
    ['EO 2026 000123'],
    ['EO/2026/000123'],
    ['PAYMENT FOR ORDER EO-2026-000123 THANKS'],
    ['eo-2026-\n000123'],
    ['EO-2026-0001\n23'],
    ['PAYMENT FOR ORDER EO-2026-00\n0123 4500 PCS'],
    ['E\nO-2026-000123'],
    ['ORDER E\nO2026000123'],
    ['2026000123'],
    ['ORDER 2026-000123'],
    ['ORDER NO.\n2026/000123'],
  ])('finds EO-2026-000123 in %j', (text) => {
    expect(hits(text)).toEqual(['EO-2026-000123']);
  });

  it('reads a number followed by other digits on the next line', () => {
    expect(hits('EO-2026-000123\n4500 PCS')).toEqual(['EO-2026-000123']);
  });

  it('accepts a missing year only behind the EO prefix, and only when the sequence is unique', () => {
    expect(hits('EO 004711')).toEqual(['EO-2026-004711']);
    expect(hits('EO-000123')).toEqual([]); // 2025 and 2026 both have 000123
    expect(hits('INVOICE 004711')).toEqual([]); // a bare sequence is not a signal
  });

  it('refuses near misses: a digit more, a digit less, letters glued in front', () => {
    expect(hits('EO-2026-0001234')).toEqual([]);
    expect(hits('EO-2026-00123 5 PCS')).toEqual([]);
    expect(hits('VIDEO2026000123X')).toEqual([]);
    expect(hits('PO 12026000123')).toEqual([]);
  });

  it('collects several orders, sorted', () => {
    expect(hits('EO-2026-004711 + EO-2026-000123', 'EO-2026-000132')).toEqual(['EO-2026-000123', 'EO-2026-000132', 'EO-2026-004711']);
  });
});
