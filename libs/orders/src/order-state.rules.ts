import type { LifecycleStatus, OrderAction, OrderState } from './order-status.rules';

export type Transition =
  | { ok: true; next: OrderState }
  | { ok: false; code: 'ORDERS.INVALID_TRANSITION' | 'ORDERS.ALREADY_PAID' | 'ORDERS.NOT_FINISHED'; reason: string };

const OPEN: readonly LifecycleStatus[] = ['DRAFT', 'SUBMITTED', 'CONFIRMED'];

function refuse(state: OrderState, action: OrderAction): Transition {
  return { ok: false, code: 'ORDERS.INVALID_TRANSITION', reason: `cannot ${action.toLowerCase().replace(/_/g, ' ')} an order in ${state.lifecycle}` };
}

/**
 * The order lifecycle: DRAFT -> SUBMITTED -> CONFIRMED (buyer confirmed the payment information)
 * -> COMPLETED, and CANCELLED from any open state until the first money arrives (payment UNPAID).
 * EDIT keeps the state; what an edit may change is decided by `checkPatch` (order-edit.rules.ts).
 * COMPLETE needs the order fully paid and delivered.
 */
export function decide(state: OrderState, action: OrderAction): Transition {
  const to = (lifecycle: LifecycleStatus): Transition => ({ ok: true, next: { ...state, lifecycle } });
  switch (action) {
    case 'EDIT':
      return OPEN.includes(state.lifecycle) ? to(state.lifecycle) : refuse(state, action);
    case 'SUBMIT':
      return state.lifecycle === 'DRAFT' ? to('SUBMITTED') : refuse(state, action);
    case 'CONFIRM_PAYMENT_INFO':
      return state.lifecycle === 'SUBMITTED' ? to('CONFIRMED') : refuse(state, action);
    case 'CANCEL':
      if (!OPEN.includes(state.lifecycle)) return refuse(state, action);
      if (state.payment !== 'UNPAID') return { ok: false, code: 'ORDERS.ALREADY_PAID', reason: `cannot cancel an order once money arrived (payment ${state.payment})` };
      return to('CANCELLED');
    case 'COMPLETE':
      if (state.lifecycle !== 'SUBMITTED' && state.lifecycle !== 'CONFIRMED') return refuse(state, action);
      if (state.payment !== 'PAID' || state.fulfilment !== 'DELIVERED') {
        return { ok: false, code: 'ORDERS.NOT_FINISHED', reason: `an order completes when fully paid and delivered (payment ${state.payment}, fulfilment ${state.fulfilment})` };
      }
      return to('COMPLETED');
  }
}
