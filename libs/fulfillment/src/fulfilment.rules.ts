import type { ShipmentStatus } from './tracking.rules';
import { shippedPerLine } from './shipment-input.rules';

export const orderFulfilmentStatuses = ['NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED'] as const;
export type OrderFulfilmentStatus = (typeof orderFulfilmentStatuses)[number];

export interface ShipmentForStatus {
  items: ReadonlyArray<{ line: number; quantity: number }>;
  status: ShipmentStatus;
}

/**
 * The order's fulfilment from its shipments: nothing in a shipment NOT_SHIPPED; some PARTLY_SHIPPED;
 * every ordered quantity in a shipment SHIPPED; and DELIVERED once, on top of that, every shipment
 * is delivered. Never moves back (`previous` is a floor): a buyer's receipt confirmation counts as
 * delivery even if the carrier never reports it.
 */
export function fulfilmentStatusOf(lineQuantities: readonly number[], shipments: readonly ShipmentForStatus[], previous: OrderFulfilmentStatus = 'NOT_SHIPPED'): OrderFulfilmentStatus {
  const shipped = shippedPerLine(lineQuantities.length, shipments);
  const any = shipped.some((q) => q > 0);
  const all = lineQuantities.length > 0 && lineQuantities.every((q, i) => (shipped[i] ?? 0) >= q);
  let derived: OrderFulfilmentStatus = 'NOT_SHIPPED';
  if (all && shipments.every((s) => s.status === 'DELIVERED')) derived = 'DELIVERED';
  else if (all) derived = 'SHIPPED';
  else if (any) derived = 'PARTLY_SHIPPED';
  return orderFulfilmentStatuses.indexOf(derived) >= orderFulfilmentStatuses.indexOf(previous) ? derived : previous;
}

/**
 * docs/domain.md §4: an order whose expected ship date has passed (the day after it, UTC) with no
 * logistics information is flagged, which holds its crediting. Only open orders (submitted or
 * confirmed) are watched; drafts, cancelled and completed orders are not.
 */
export function isShipDateMissed(order: { lifecycleStatus: string; expectedShipDate: string; hasLogistics: boolean }, today: string): boolean {
  if (order.lifecycleStatus !== 'SUBMITTED' && order.lifecycleStatus !== 'CONFIRMED') return false;
  return !order.hasLogistics && order.expectedShipDate < today;
}

/** `YYYY-MM-DD` of an instant in UTC (the deadline's calendar). */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
