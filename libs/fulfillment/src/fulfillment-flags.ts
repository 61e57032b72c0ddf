import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Funds rules (issue 7) ask this before crediting an order: true while a fulfillment flag is open
 * (the expected ship date passed with no logistics information).
 */
export async function creditingHeld(em: EntityManager, orderId: string): Promise<boolean> {
  const rows = await em.execute<Array<{ n: string }>>(`select count(*)::text as n from fulfillment_flag where order_id = ? and cleared_at is null`, [orderId]);
  return rows[0]?.n !== '0';
}

/** Logistics information arrived (a shipment with logistics, or a carrier event): the ship-date flag clears. */
export async function clearShipDateFlag(em: EntityManager, orderId: string, by: string, now: Date): Promise<void> {
  await em.execute(`update fulfillment_flag set cleared_at = ?, cleared_by = ? where order_id = ? and kind = 'SHIP_DATE_MISSED' and cleared_at is null`, [now, by, orderId]);
}
