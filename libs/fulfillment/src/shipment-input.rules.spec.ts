import { checkShipment, type OrderLineForShipping, type ShipmentRequest } from './shipment-input.rules';

const lines: OrderLineForShipping[] = [
  { name: 'LED panel', sku: 'LP-60', hsCode: '940542', quantity: 500, unit: 'PCS', unitPrice: '12.40' },
  { name: 'Driver', sku: null, hsCode: null, quantity: 20, unit: 'PCS', unitPrice: '3.00' },
];
const logistics = { carrier: 'MAERSK', trackingNo: 'MSKU1234567', shipDate: '2026-12-18' };
const customs = { declarationNo: '310420261000123456', declaredValue: '2480.00', currency: 'USD', port: 'CNNGB' };
const self = (req: Partial<ShipmentRequest>, shipped = [0, 0]) => checkShipment('SELF_EXPORT', lines, shipped, { items: [{ line: 0, quantity: 200 }], logistics, customs, ...req });
const oneStop = (req: Partial<ShipmentRequest>, shipped = [0, 0]) => checkShipment('ONE_STOP_EXPORT', lines, shipped, { items: [{ line: 0, quantity: 200 }], ...req });
const fields = (r: ReturnType<typeof checkShipment>) => (r.ok ? [] : r.issues.map((i) => i.field));

describe('shipment checks', () => {
  it('a complete SELF_EXPORT shipment; HS code from the order line', () => {
    const r = self({});
    expect(r).toEqual({ ok: true, plan: { items: [{ line: 0, sku: 'LP-60', name: 'LED panel', hsCode: '940542', quantity: 200 }], logistics: { ...logistics, blNo: null }, customs, exportBill: null } });
  });

  it('never more than ordered minus shipped: 409 naming the item', () => {
    expect(self({ items: [{ line: 0, quantity: 301 }] }, [200, 0])).toMatchObject({ ok: false, code: 'FULFILLMENT.QUANTITY_EXCEEDS', issues: [{ field: 'items[0].quantity', message: expect.stringContaining('300 of 500') }] });
    expect(self({ items: [{ line: 0, quantity: 300 }] }, [200, 0]).ok).toBe(true);
  });

  it('bad items: unknown line, twice, zero, fraction; none at all', () => {
    expect(fields(self({ items: [{ line: 2, quantity: 1 }] }))).toEqual(['items[0].line']);
    expect(fields(self({ items: [{ line: 0, quantity: 1 }, { line: 0, quantity: 1 }] }))).toEqual(['items[1].line']);
    expect(fields(self({ items: [{ line: 0, quantity: 0 }] }))).toEqual(['items[0].quantity']);
    expect(fields(self({ items: [{ line: 0, quantity: 1.5 }] }))).toEqual(['items[0].quantity']);
    expect(fields(self({ items: [] }))).toEqual(['items']);
  });

  it('SELF_EXPORT needs logistics (carrier, tracking or B/L, date) and the declaration, with an HS code per item', () => {
    expect(fields(self({ logistics: null, customs: null }))).toEqual(['logistics', 'customs']);
    expect(fields(self({ logistics: { carrier: ' ', shipDate: '18.12.2026' } }))).toEqual(['logistics.carrier', 'logistics.trackingNo', 'logistics.shipDate']);
    expect(self({ logistics: { carrier: 'COSCO', blNo: 'COSU6543210', shipDate: '2026-12-18' } }).ok).toBe(true);
    expect(fields(self({ customs: { declarationNo: 'D1', declaredValue: '2480.001', currency: 'USD', port: 'CNNGB' } }))).toEqual(['customs.declaredValue']);
    expect(fields(self({ customs: { declarationNo: 'D1', declaredValue: '0.00', currency: 'USD', port: 'CNNGB' } }))).toEqual(['customs.declaredValue']);
    for (const declaredValue of ['9'.repeat(400), '1e5', '-1.00', '1000000000000000.00']) {
      expect(fields(self({ customs: { declarationNo: 'D1', declaredValue, currency: 'USD', port: 'CNNGB' } }))).toEqual(['customs.declaredValue']);
    }
    expect(fields(self({ customs: { declarationNo: 'D1', declaredValue: '100', currency: 'XXY', port: '' } }))).toEqual(['customs.port', 'customs.currency']);
    expect(fields(self({ items: [{ line: 1, quantity: 20 }] }))).toEqual(['items[0].hsCode']);
    expect(self({ items: [{ line: 1, quantity: 20, hsCode: '850440' }] }).ok).toBe(true);
    expect(fields(self({ items: [{ line: 1, quantity: 20, hsCode: '85.04' }] }))).toEqual(['items[0].hsCode']);
    expect(fields(self({ exportBill: { billNo: 'B1' } }))).toEqual(['exportBill']);
  });

  it('ONE_STOP_EXPORT: an existing bill or a draft request (not both, not neither); no customs; logistics optional', () => {
    expect(oneStop({ exportBill: { billNo: 'OSB-1' } })).toMatchObject({ ok: true, plan: { exportBill: { billNo: 'OSB-1' }, logistics: null, customs: null } });
    expect(oneStop({ exportBill: { requestDraft: true }, logistics })).toMatchObject({ ok: true, plan: { exportBill: { requestDraft: true }, logistics: { carrier: 'MAERSK' } } });
    expect(fields(oneStop({}))).toEqual(['exportBill']);
    expect(fields(oneStop({ exportBill: { billNo: 'B', requestDraft: true } }))).toEqual(['exportBill']);
    expect(fields(oneStop({ exportBill: { billNo: 'B' }, customs }))).toEqual(['customs']);
    expect(oneStop({ exportBill: { billNo: 'B' }, items: [{ line: 1, quantity: 20 }] }).ok).toBe(true);
  });
});
