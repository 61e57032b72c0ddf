import { addAmounts, compareAmounts, fromMinorUnits, toMinorUnits } from '@ereceipt/money';
import { type ChargeTolerancePolicy, DEFAULT_CHARGE_TOLERANCE, toleranceMinor } from './domain';
import type { PlannedAllocation } from './review-policy.rules';

export interface ManualAllocation {
  orderNo: string;
  amount: string;
}

export interface OrderFacts {
  orderNo: string;
  sellerId: string;
  currency: string;
  lifecycleStatus: string;
}

export type ManualCheck =
  | { ok: true; sellerId: string; allocations: PlannedAllocation[] }
  | { ok: false; code: 'MATCHING.UNKNOWN_ORDER' | 'MATCHING.ORDER_NOT_OPEN' | 'MATCHING.MIXED_SELLERS' | 'MATCHING.CURRENCY_MISMATCH' | 'MATCHING.DUPLICATE_ORDER' | 'MATCHING.AMOUNT_MISMATCH'; reason: string };

/**
 * A manual association (docs/domain.md §3): orders of one seller (the remittance's, when its virtual
 * account named one), open, in the remittance currency, each once; amounts add up to the credited
 * amount, or exceed it by no more than the seller's bank-charge tolerance on the total (default:
 * lower of 1 % and 50 units; not under OUR), in which case the shortfall is charges taken off the largest allocation
 * and the milestones still count the amounts given.
 */
export function checkManualAllocations(
  remittance: { amount: string; currency: string; chargeBearer: string | null; sellerId: string | null },
  allocations: ManualAllocation[],
  orders: OrderFacts[],
  tolerancePolicy: ChargeTolerancePolicy = DEFAULT_CHARGE_TOLERANCE,
): ManualCheck {
  const { currency } = remittance;
  const seen = new Set<string>();
  for (const a of allocations) {
    if (seen.has(a.orderNo)) return { ok: false, code: 'MATCHING.DUPLICATE_ORDER', reason: `order ${a.orderNo} appears twice` };
    seen.add(a.orderNo);
    const o = orders.find((x) => x.orderNo === a.orderNo);
    if (!o || (remittance.sellerId !== null && o.sellerId !== remittance.sellerId)) return { ok: false, code: 'MATCHING.UNKNOWN_ORDER', reason: `order ${a.orderNo} is not an order of this remittance's seller` };
    if (o.lifecycleStatus !== 'SUBMITTED' && o.lifecycleStatus !== 'CONFIRMED') return { ok: false, code: 'MATCHING.ORDER_NOT_OPEN', reason: `order ${a.orderNo} is ${o.lifecycleStatus}; only submitted or confirmed orders take money` };
    if (o.currency !== currency) return { ok: false, code: 'MATCHING.CURRENCY_MISMATCH', reason: `order ${a.orderNo} is in ${o.currency}, the remittance in ${currency}` };
  }
  const sellers = new Set(orders.filter((o) => seen.has(o.orderNo)).map((o) => o.sellerId));
  if (sellers.size !== 1) return { ok: false, code: 'MATCHING.MIXED_SELLERS', reason: 'all orders of one association belong to one seller' };
  const sellerId = [...sellers][0];
  const total = allocations.reduce((s, a) => s + toMinorUnits(a.amount, currency), 0n);
  const net = toMinorUnits(remittance.amount, currency);
  const shortfall = total - net;
  const planned = allocations.map((a) => ({ orderNo: a.orderNo, amount: addAmounts(currency, a.amount), bankCharges: null as string | null })).sort((a, b) => (a.orderNo < b.orderNo ? -1 : 1));
  if (shortfall === 0n) return { ok: true, sellerId, allocations: planned };
  const tolerance = toleranceMinor(total, tolerancePolicy, currency);
  if (shortfall < 0n || remittance.chargeBearer === 'OUR' || shortfall > tolerance) {
    const what = shortfall < 0n ? `${fromMinorUnits(-shortfall, currency)} of the remittance would stay unallocated` : `they exceed it by ${fromMinorUnits(shortfall, currency)}, more than the bank charges accepted (${fromMinorUnits(remittance.chargeBearer === 'OUR' ? 0n : tolerance, currency)})`;
    return { ok: false, code: 'MATCHING.AMOUNT_MISMATCH', reason: `allocations add up to ${fromMinorUnits(total, currency)} ${currency} but the remittance is ${remittance.amount}: ${what}` };
  }
  const largest = planned.reduce((best, a, i) => (compareAmounts(a.amount, planned[best].amount) > 0 ? i : best), 0);
  const charges = fromMinorUnits(shortfall, currency);
  planned[largest] = { ...planned[largest], amount: fromMinorUnits(toMinorUnits(planned[largest].amount, currency) - shortfall, currency), bankCharges: charges };
  return { ok: true, sellerId, allocations: planned };
}
