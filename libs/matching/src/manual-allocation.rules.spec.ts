import { checkManualAllocations, type OrderFacts } from './manual-allocation.rules';

const S1 = '11111111-1111-4111-8111-111111111111';
const orders: OrderFacts[] = [
  { orderNo: 'EO-2026-000001', sellerId: S1, currency: 'USD', lifecycleStatus: 'SUBMITTED' },
  { orderNo: 'EO-2026-000002', sellerId: S1, currency: 'USD', lifecycleStatus: 'CONFIRMED' },
  { orderNo: 'EO-2026-000003', sellerId: S1, currency: 'EUR', lifecycleStatus: 'SUBMITTED' },
  { orderNo: 'EO-2026-000004', sellerId: S1, currency: 'USD', lifecycleStatus: 'DRAFT' },
  { orderNo: 'EO-2026-000005', sellerId: '22222222-2222-4222-8222-222222222222', currency: 'USD', lifecycleStatus: 'SUBMITTED' },
];
const remittance = { amount: '645.00', currency: 'USD', chargeBearer: 'SHA', sellerId: S1 };

describe('manual allocations', () => {
  it('exact sums pass; a small excess is bank charges taken off the largest allocation', () => {
    expect(checkManualAllocations(remittance, [{ orderNo: 'EO-2026-000001', amount: '400' }, { orderNo: 'EO-2026-000002', amount: '245.00' }], orders)).toEqual({
      ok: true,
      sellerId: S1,
      allocations: [{ orderNo: 'EO-2026-000001', amount: '400.00', bankCharges: null }, { orderNo: 'EO-2026-000002', amount: '245.00', bankCharges: null }],
    });
    expect(checkManualAllocations(remittance, [{ orderNo: 'EO-2026-000002', amount: '250.00' }, { orderNo: 'EO-2026-000001', amount: '400.00' }], orders)).toMatchObject({
      ok: true,
      allocations: [{ orderNo: 'EO-2026-000001', amount: '395.00', bankCharges: '5.00' }, { orderNo: 'EO-2026-000002', amount: '250.00', bankCharges: null }],
    });
  });

  it('says why it refuses', () => {
    const check = (allocations: Array<{ orderNo: string; amount: string }>, r = remittance) => checkManualAllocations(r, allocations, orders);
    expect(check([{ orderNo: 'EO-2026-000001', amount: '600.00' }])).toMatchObject({ ok: false, code: 'MATCHING.AMOUNT_MISMATCH', reason: expect.stringContaining('45.00 of the remittance would stay unallocated') });
    expect(check([{ orderNo: 'EO-2026-000001', amount: '700.00' }])).toMatchObject({ ok: false, code: 'MATCHING.AMOUNT_MISMATCH', reason: expect.stringContaining('exceed it by 55.00') });
    expect(check([{ orderNo: 'EO-2026-000001', amount: '650.00' }], { ...remittance, chargeBearer: 'OUR' })).toMatchObject({ ok: false, code: 'MATCHING.AMOUNT_MISMATCH' });
    expect(check([{ orderNo: 'EO-2026-000003', amount: '645.00' }])).toMatchObject({ ok: false, code: 'MATCHING.CURRENCY_MISMATCH' });
    expect(check([{ orderNo: 'EO-2026-000004', amount: '645.00' }])).toMatchObject({ ok: false, code: 'MATCHING.ORDER_NOT_OPEN' });
    expect(check([{ orderNo: 'EO-2026-000005', amount: '645.00' }])).toMatchObject({ ok: false, code: 'MATCHING.UNKNOWN_ORDER' });
    expect(check([{ orderNo: 'EO-2026-000009', amount: '645.00' }])).toMatchObject({ ok: false, code: 'MATCHING.UNKNOWN_ORDER' });
    expect(check([{ orderNo: 'EO-2026-000001', amount: '300.00' }, { orderNo: 'EO-2026-000001', amount: '345.00' }])).toMatchObject({ ok: false, code: 'MATCHING.DUPLICATE_ORDER' });
    expect(checkManualAllocations({ ...remittance, sellerId: null }, [{ orderNo: 'EO-2026-000001', amount: '300.00' }, { orderNo: 'EO-2026-000005', amount: '345.00' }], orders)).toMatchObject({ ok: false, code: 'MATCHING.MIXED_SELLERS' });
  });
});
