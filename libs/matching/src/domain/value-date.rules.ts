import type { CandidateOrder } from './matching-context';

export interface ValueDateSignal {
  score: number;
  paidBeforeOrder: boolean;
  detail: string;
}

export const VALUE_DATE_POINTS = { afterCreation: 5, beforeCreation: -30 } as const;

/**
 * Money that arrived before the order existed cannot have been sent for it (nobody quotes an order
 * number that does not exist yet): suspicious, it blocks automatic association. Dates are
 * `YYYY-MM-DD` strings, so string order is date order.
 */
export function valueDateSignal(valueDate: string, order: Pick<CandidateOrder, 'createdDate' | 'expectedShipDate'>): ValueDateSignal {
  if (valueDate < order.createdDate) {
    return { score: VALUE_DATE_POINTS.beforeCreation, paidBeforeOrder: true, detail: `value date ${valueDate} before order created ${order.createdDate}` };
  }
  const shipNote = order.expectedShipDate && valueDate > order.expectedShipDate ? ', after expected ship date' : '';
  return { score: VALUE_DATE_POINTS.afterCreation, paidBeforeOrder: false, detail: `value date ${valueDate} on or after order created${shipNote}` };
}
