import { decide } from './order-state.rules';
import { fulfilmentStatuses, type OrderAction, orderActions, paymentStatuses, lifecycleStatuses, type OrderState } from './order-status.rules';

/** The expected outcome of every (state, action) pair, written out by hand, not derived from the code. */
function expected(s: OrderState, action: OrderAction): string {
  const open = s.lifecycle === 'DRAFT' || s.lifecycle === 'SUBMITTED' || s.lifecycle === 'CONFIRMED';
  const table: Record<OrderAction, () => string> = {
    EDIT: () => (open ? s.lifecycle : 'ORDERS.INVALID_TRANSITION'),
    SUBMIT: () => (s.lifecycle === 'DRAFT' ? 'SUBMITTED' : 'ORDERS.INVALID_TRANSITION'),
    CONFIRM_PAYMENT_INFO: () => (s.lifecycle === 'SUBMITTED' ? 'CONFIRMED' : 'ORDERS.INVALID_TRANSITION'),
    CANCEL: () => (!open ? 'ORDERS.INVALID_TRANSITION' : s.payment === 'UNPAID' ? 'CANCELLED' : 'ORDERS.ALREADY_PAID'),
    COMPLETE: () =>
      s.lifecycle !== 'SUBMITTED' && s.lifecycle !== 'CONFIRMED' ? 'ORDERS.INVALID_TRANSITION' : s.payment === 'PAID' && s.fulfilment === 'DELIVERED' ? 'COMPLETED' : 'ORDERS.NOT_FINISHED',
  };
  return table[action]();
}

const states: OrderState[] = lifecycleStatuses.flatMap((lifecycle) => paymentStatuses.flatMap((payment) => fulfilmentStatuses.map((fulfilment) => ({ lifecycle, payment, fulfilment }))));
const cases = states.flatMap((s) => orderActions.map((a) => [s.lifecycle, s.payment, s.fulfilment, a, s] as const));

describe('order state machine: every (lifecycle, payment, fulfilment, action)', () => {
  it('covers all 5 x 3 x 4 states and 5 actions', () => expect(cases).toHaveLength(300));

  it.each(cases)('%s / %s / %s + %s', (_l, _p, _f, action, state) => {
    const result = decide(state, action);
    const want = expected(state, action);
    if (result.ok) {
      expect(result.next).toEqual({ ...state, lifecycle: want });
    } else {
      expect(result.code).toBe(want);
      expect(result.reason).toMatch(/\w/);
    }
  });

  it('never changes payment or fulfilment status (those are derived from money and shipments)', () => {
    for (const [, , , action, state] of cases) {
      const r = decide(state, action);
      if (r.ok) expect([r.next.payment, r.next.fulfilment]).toEqual([state.payment, state.fulfilment]);
    }
  });
});
