import type { OrderInput } from '@ereceipt/orders';

/**
 * A valid order (docs/contract.md "Order"): one line of 500 x 12.40 = 6200.00 USD, a 30 % deposit
 * before shipment and the balance after. Override any top-level field.
 */
export function buildOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
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
    ...overrides,
  };
}
