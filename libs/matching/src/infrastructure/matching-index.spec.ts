import { IndexedOrder } from './matching-index';

/** The index keeps an order's milestones packed in one string: they must come back exactly as loaded. */
describe('IndexedOrder milestones', () => {
  const back = (milestones: unknown) => new IndexedOrder('EO-2026-000001', 's', 'B', 'USD', IndexedOrder.pack(milestones as never), '2026-01-01', null, 0, 0n).milestones;

  it.each([
    [[]],
    [[{ kind: 'DEPOSIT', amount: '300.00', paidAmount: '0.00', dueDate: '2027-01-01', preShipment: true }]],
    [[{ kind: 'DEPOSIT', amount: '300.00', paidAmount: '120.50', dueDate: '2027-01-01', preShipment: true }, { kind: 'BALANCE', amount: '700', paidAmount: '0', dueDate: '2027-03-01', preShipment: false }]],
    // Values the packed form cannot carry go as JSON, unchanged.
    [[{ kind: 'DEPOSIT', amount: '1 000.00', paidAmount: '0.00', dueDate: '2027-01-01', preShipment: true }]],
    [[{ kind: 'DEPOSIT', amount: '10;0', paidAmount: '0.00', dueDate: '2027-01-01', preShipment: false }]],
    [[{ kind: 'BALANCE', amount: 12.5, paidAmount: '0.00', dueDate: '2027-01-01', preShipment: false }]],
    [[{ kind: 'BALANCE', amount: '12.50', paidAmount: '0.00', dueDate: '', preShipment: false }]],
    [[{ kind: 'BALANCE', amount: '12.50', paidAmount: '0.00', dueDate: '[x', preShipment: false }]],
  ])('comes back as loaded: %j', (milestones) => {
    expect(back(milestones)).toEqual(milestones);
  });
});
