import { DomainError } from '@ereceipt/contracts';
import { changedFields, inMessageTerms, toOrderInput, versionOutcome } from './erp-order-sync.rules';
import { validateOrder } from './order-draft.rules';
import { applyPatch } from './order-edit.rules';

const erpOrder = {
  buyer: { name: 'ACME TRADING LLC', email: 'ap@acme.example', country: 'US' },
  currency: 'USD',
  lines: [{ name: 'LED panel', sku: 'LP-60', hsCode: '940542', quantity: 500, unit: 'PCS', unitPrice: '12.40' }],
  milestones: [
    { kind: 'DEPOSIT', amount: '1860.00', dueDate: '2026-12-01', preShipment: true },
    { kind: 'BALANCE', amount: '4340.00', dueDate: '2027-01-15', preShipment: false },
  ],
  incoterm: 'FOB',
  expectedShipDate: '2026-12-20',
  exportMethod: 'SELF_EXPORT',
};

describe('versionOutcome', () => {
  it.each([
    ['1', null, 'NEW'],
    ['2', '1', 'NEW'],
    ['1', '1', 'DUPLICATE'],
    ['1', '2', 'STALE'],
    // Compared as bigints, not as text or doubles.
    ['10', '9', 'NEW'],
    ['9223372036854775807', '9223372036854775806', 'NEW'],
    ['9007199254740993', '9007199254740992', 'NEW'],
  ] as const)('%s after %s is %s', (incoming, applied, expected) => {
    expect(versionOutcome(incoming, applied)).toBe(expected);
  });
});

describe('changedFields', () => {
  const current = validateOrder(toOrderInput('SO-1', erpOrder));

  it('an unchanged order, written differently ("12.4", "1860", other key order), is an empty patch', () => {
    const same = { ...erpOrder, lines: [{ unitPrice: '12.4', unit: 'PCS', quantity: 500, hsCode: '940542', sku: 'LP-60', name: 'LED panel' }], milestones: erpOrder.milestones.map((m) => ({ ...m, amount: m.amount.replace('.00', '') })) };
    expect(changedFields(current, validateOrder(toOrderInput('SO-1', same)))).toEqual({});
  });

  it('names only what changed, so a submitted order accepts a new ship date and due date from the ERP', () => {
    const next = validateOrder(toOrderInput('SO-1', { ...erpOrder, expectedShipDate: '2027-01-05', milestones: [erpOrder.milestones[0], { ...erpOrder.milestones[1], dueDate: '2027-02-01' }] }));
    const patch = changedFields(current, next);
    expect(Object.keys(patch).sort()).toEqual(['expectedShipDate', 'milestones']);
    expect(applyPatch(current, 'SUBMITTED', patch)).toMatchObject({ expectedShipDate: '2027-01-05' });
  });

  it('a changed price after submission is a frozen field', () => {
    const next = validateOrder(toOrderInput('SO-1', { ...erpOrder, lines: [{ ...erpOrder.lines[0], unitPrice: '12.00' }], milestones: [{ ...erpOrder.milestones[0], amount: '1660.00' }, erpOrder.milestones[1]] }));
    const patch = changedFields(current, next);
    expect(Object.keys(patch).sort()).toEqual(['lines', 'milestones']);
    expect(() => applyPatch(current, 'SUBMITTED', patch)).toThrow(expect.objectContaining({ code: 'ORDERS.FIELD_FROZEN' }));
  });
});

describe('inMessageTerms', () => {
  it('names order fields as they sit in the message', () => {
    let error: unknown;
    try {
      validateOrder(toOrderInput('SO-1', { ...erpOrder, lines: [erpOrder.lines[0], { ...erpOrder.lines[0], unitPrice: '1.001' }] }));
    } catch (e) {
      error = inMessageTerms(e);
    }
    expect(error).toMatchObject({ code: 'ORDERS.INVALID', message: 'order.lines[1].unitPrice: has more decimals than USD allows (2)', details: { issues: [{ field: 'order.lines[1].unitPrice' }] } });
  });

  it('prefixes a frozen field and leaves other errors alone', () => {
    expect(inMessageTerms(new DomainError('ORDERS.FIELD_FROZEN', 'incoterm cannot change after submission', 'conflict', { field: 'incoterm' }))).toMatchObject({ message: 'order.incoterm: incoterm cannot change after submission', details: { field: 'order.incoterm' }, kind: 'conflict' });
    const other = new DomainError('ORDERS.ALREADY_PAID', 'paid');
    expect(inMessageTerms(other)).toBe(other);
    const bug = new Error('x');
    expect(inMessageTerms(bug)).toBe(bug);
  });
});
