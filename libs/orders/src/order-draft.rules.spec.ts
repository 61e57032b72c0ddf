import { DomainError } from '@ereceipt/contracts';
import { validateOrder } from './order-draft.rules';
import { applyPatch } from './order-edit.rules';
import { buildOrderInput } from '@ereceipt/testing';
import type { OrderInput } from './order-input.rules';

/** The standard order, its balance written without decimals ("4340": the stored amount gets them). */
function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  const order = buildOrderInput();
  return { ...order, milestones: [order.milestones[0], { ...order.milestones[1], amount: '4340' }], ...overrides };
}

function issuesOf(input: OrderInput): string[] {
  try {
    validateOrder(input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return ((e as DomainError).details as { issues: Array<{ field: string }> }).issues.map((i) => i.field);
  }
  return [];
}

describe('validateOrder', () => {
  it('computes exact line totals and total, normalising amounts to the currency digits', () => {
    const d = validateOrder(sampleOrder());
    expect(d.lines[0].lineTotal).toBe('6200.00');
    expect(d.total).toBe('6200.00');
    expect(d.milestones.map((m) => m.amount)).toEqual(['1860.00', '4340.00']);
    expect(d.externalOrderId).toBeNull();
  });

  it('is exact where binary floats are not (0.1 + 0.2)', () => {
    const lines = [{ name: 'a', quantity: 1, unit: 'PCS', unitPrice: '0.10' }, { name: 'b', quantity: 1, unit: 'PCS', unitPrice: '0.20' }];
    expect(validateOrder(sampleOrder({ lines, milestones: [{ kind: 'BALANCE', amount: '0.30', dueDate: '2026-12-01', preShipment: false }] })).total).toBe('0.30');
  });

  it('respects minor digits: JPY 0, KWD 3', () => {
    const jpy = sampleOrder({ currency: 'JPY', lines: [{ name: 'x', quantity: 3, unit: 'PCS', unitPrice: '1000' }], milestones: [{ kind: 'BALANCE', amount: '3000', dueDate: '2026-12-01', preShipment: false }] });
    expect(validateOrder(jpy).total).toBe('3000');
    expect(issuesOf({ ...jpy, lines: [{ name: 'x', quantity: 3, unit: 'PCS', unitPrice: '1000.5' }] })).toContain('lines[0].unitPrice');
    const kwd = sampleOrder({ currency: 'KWD', lines: [{ name: 'x', quantity: 2, unit: 'PCS', unitPrice: '1.505' }], milestones: [{ kind: 'BALANCE', amount: '3.010', dueDate: '2026-12-01', preShipment: false }] });
    expect(validateOrder(kwd).total).toBe('3.010');
  });

  it.each([
    ['lines[1].unitPrice', sampleOrder({ lines: [sampleOrder().lines[0], { name: 'b', quantity: 1, unit: 'PCS', unitPrice: '1.005' }] })],
    ['lines[0].unitPrice', sampleOrder({ lines: [{ name: 'a', quantity: 1, unit: 'PCS', unitPrice: '0' }] })],
    ['lines[0].unitPrice', sampleOrder({ lines: [{ name: 'a', quantity: 1, unit: 'PCS', unitPrice: '-1.00' }] })],
    ['lines[0].quantity', sampleOrder({ lines: [{ name: 'a', quantity: 0, unit: 'PCS', unitPrice: '1.00' }] })],
    ['lines[0].quantity', sampleOrder({ lines: [{ name: 'a', quantity: 1.5, unit: 'PCS', unitPrice: '1.00' }] })],
    ['lines', sampleOrder({ lines: [] })],
    ['milestones', sampleOrder({ milestones: [] })],
    ['milestones[0].dueDate', sampleOrder({ milestones: [{ kind: 'BALANCE', amount: '6200.00', dueDate: '2026-02-30', preShipment: false }] })],
    ['currency', sampleOrder({ currency: 'XYZ' })],
    ['buyer.country', sampleOrder({ buyer: { name: 'A', email: 'a@b.example', country: 'XX' } })],
    ['buyer.email', sampleOrder({ buyer: { name: 'A', email: 'not-mail', country: 'US' } })],
    ['incoterm', sampleOrder({ incoterm: 'FOO' as never })],
    ['exportMethod', sampleOrder({ exportMethod: 'SHIP' as never })],
    ['expectedShipDate', sampleOrder({ expectedShipDate: '20.12.2026' })],
  ])('names %s', (field, input) => expect(issuesOf(input)).toContain(field));

  it('milestones must add up to the total exactly', () => {
    const input = sampleOrder({ milestones: [{ kind: 'DEPOSIT', amount: '1860.00', dueDate: '2026-12-01', preShipment: true }, { kind: 'BALANCE', amount: '4339.99', dueDate: '2027-01-15', preShipment: false }] });
    expect(() => validateOrder(input)).toThrow(/milestones: must add up to the order total 6200.00 USD \(they add up to 6199.99\)/);
  });
});

describe('validateOrder: amounts are bounded (issue 16 item 6)', () => {
  const one = (unitPrice: string, quantity = 1) => sampleOrder({ lines: [{ name: 'x', quantity, unit: 'PCS', unitPrice }], milestones: [{ kind: 'BALANCE', amount: '1.00', dueDate: '2026-12-01', preShipment: false }] });

  it('15 digits before the point pass, 16 or an exponent do not (named)', () => {
    expect(issuesOf(one('999999999999999.99'))).not.toContain('lines[0].unitPrice');
    for (const price of ['1000000000000000.00', '9'.repeat(400), '1e5', '1.0000000000000']) expect(issuesOf(one(price))).toEqual(['lines[0].unitPrice']);
  });

  it('an order total past 15 digits is refused as `lines`, before the milestones are summed', () => {
    expect(issuesOf(one('999999999.99', 9_000_000))).toEqual(['lines']);
  });
});

describe('applyPatch', () => {
  const current = validateOrder(sampleOrder());

  it('lets a DRAFT change anything', () => {
    expect(applyPatch(current, 'DRAFT', { currency: 'EUR' }).currency).toBe('EUR');
  });

  it('after submission only the ship date and milestone due dates', () => {
    const moved = current.milestones.map((m) => ({ ...m, dueDate: '2027-02-01' }));
    expect(applyPatch(current, 'SUBMITTED', { expectedShipDate: '2027-01-05', milestones: moved })).toMatchObject({ expectedShipDate: '2027-01-05', milestones: moved });
    expect(applyPatch(current, 'CONFIRMED', { incoterm: 'FOB' }).incoterm).toBe('FOB');
    expect(() => applyPatch(current, 'SUBMITTED', { incoterm: 'CIF' })).toThrow(/incoterm cannot change/);
    expect(() => applyPatch(current, 'SUBMITTED', { milestones: [{ ...current.milestones[0], amount: '1.00' }, current.milestones[1]] })).toThrow(/milestones\[0\].amount/);
    expect(() => applyPatch(current, 'SUBMITTED', { milestones: [current.milestones[0]] })).toThrow(/added or removed/);
  });

  it.each(['COMPLETED', 'CANCELLED'] as const)('refuses any change in %s (409)', (state) => {
    expect(() => applyPatch(current, state, { expectedShipDate: '2027-01-05' })).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});
