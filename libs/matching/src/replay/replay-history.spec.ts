import { associationStatusAt, type AssociationRecord, orderPaymentsAt, type SellerHistory } from './replay-history';

const t = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));

const association = (remittanceId: string, created: number, trail: Array<[AssociationRecord['events'][number]['action'], number]>, amount: string, settled = amount): AssociationRecord => ({
  id: `a-${remittanceId}`, remittanceId, sellerId: 's1', method: 'AUTO', status: 'APPROVED', createdAt: t(created), uetr: null, endToEndId: null, payerAccount: null, payerName: null,
  allocations: [{ orderNo: 'EO-1', amount, settled }],
  events: trail.map(([action, minute]) => ({ action, actor: action === 'AUTO_ASSOCIATE' || action === 'PROPOSE' ? 'system' : 'token:fin', at: t(minute), status: null })),
});

describe('replay history: the state at an instant', () => {
  const proposedThenRejected = association('r1', 10, [['PROPOSE', 10], ['REJECT', 20]], '100.00');

  it('an association exists from its creation on, and takes each status from the event that set it', () => {
    expect(associationStatusAt(proposedThenRejected, t(10))).toBeNull();
    expect(associationStatusAt(proposedThenRejected, t(11))).toBe('PROPOSED');
    expect(associationStatusAt(proposedThenRejected, t(20))).toBe('PROPOSED');
    expect(associationStatusAt(proposedThenRejected, t(21))).toBe('REJECTED');
    expect(associationStatusAt(association('r2', 5, [['AUTO_ASSOCIATE', 5], ['UNBIND', 7]], '1.00'), t(6))).toBe('APPROVED');
  });

  it('money on an order counts only associations live at the instant, never the replayed remittance’s own', () => {
    const history: SellerHistory = {
      sellerId: 's1',
      orders: new Map([['EO-1', { orderNo: 'EO-1', sellerId: 's1', buyerName: 'B', currency: 'USD', total: '1000.00', milestones: [], createdAt: t(0), createdDate: '2026-11-02', expectedShipDate: null, submittedAt: t(1), cancelledAt: null }]]),
      associations: [proposedThenRejected, association('r3', 30, [['AUTO_ASSOCIATE', 30]], '295.00', '300.00')],
      settings: [],
    };
    expect(orderPaymentsAt(history, t(15), null).get('EO-1')).toEqual({ paid: 10_000n, settled: 10_000n });
    expect(orderPaymentsAt(history, t(25), null).get('EO-1')).toBeUndefined();
    expect(orderPaymentsAt(history, t(31), null).get('EO-1')).toEqual({ paid: 29_500n, settled: 30_000n });
    expect(orderPaymentsAt(history, t(31), 'r3').get('EO-1')).toBeUndefined();
  });
});
