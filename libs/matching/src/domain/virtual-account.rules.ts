import { outstanding } from './amount-fit.rules';
import type { CandidateOrder, MatchingContext } from './matching-context';

/**
 * The virtual account names the seller: only that seller's orders with something still due are
 * candidates (any currency; the currency filter comes later so a wrong-currency reference can be
 * reported). Null when the account is not a known virtual account: nothing can be matched safely.
 */
export function sellerOrders(context: Pick<MatchingContext, 'seller' | 'orders'>): CandidateOrder[] | null {
  if (!context.seller) return null;
  const { sellerId } = context.seller;
  return context.orders
    .filter((o) => o.sellerId === sellerId && outstanding(o) > 0n)
    .sort((a, b) => (a.orderNo < b.orderNo ? -1 : a.orderNo > b.orderNo ? 1 : 0));
}
