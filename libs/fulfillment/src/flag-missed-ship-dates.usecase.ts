import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderShipDateMissedV1 } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { isShipDateMissed, utcDate } from './fulfilment.rules';

interface Candidate {
  id: string;
  order_no: string;
  seller_id: string;
  lifecycle_status: string;
  expected_ship_date: string;
}

/**
 * Flags every open order whose expected ship date passed (before `due`'s UTC date) with no logistics
 * information (no shipment with logistics, no carrier event), in one transaction: a
 * `fulfillment_flag` row (holds crediting) and `ereceipt.order.ship-date-missed.v1`. Idempotent: the
 * flag is unique per order, and only a newly inserted one publishes, so a re-run changes nothing.
 */
export async function flagMissedShipDates(em: EntityManager, due: Date, now: Date): Promise<string[]> {
  const today = utcDate(due);
  return em.transactional(async (tx) => {
    const rows = await tx.execute<Candidate[]>(
      `select o.id, o.order_no, o.seller_id, o.lifecycle_status, o.expected_ship_date::text as expected_ship_date
         from ereceipt_order o
        where o.lifecycle_status in ('SUBMITTED', 'CONFIRMED') and o.expected_ship_date < ?
          and not exists (select 1 from shipment s where s.order_id = o.id and s.logistics is not null)
          and not exists (select 1 from tracking_event t where t.order_id = o.id)
          and not exists (select 1 from fulfillment_flag f where f.order_id = o.id and f.kind = 'SHIP_DATE_MISSED')
        order by o.order_no
        for update of o skip locked`,
      [today],
    );
    const flagged: string[] = [];
    const outbox = new OutboxWriter(tx);
    for (const r of rows) {
      if (!isShipDateMissed({ lifecycleStatus: r.lifecycle_status, expectedShipDate: r.expected_ship_date, hasLogistics: false }, today)) continue;
      const inserted = await tx.execute<Array<{ id: string }>>(
        `insert into fulfillment_flag (id, order_id, order_no, kind, expected_ship_date, raised_at) values (?, ?, ?, 'SHIP_DATE_MISSED', ?, ?) on conflict (order_id, kind) do nothing returning id`,
        [randomUUID(), r.id, r.order_no, r.expected_ship_date, now],
      );
      if (inserted.length === 0) continue;
      await outbox.appendEvent(orderShipDateMissedV1, {
        key: r.order_no,
        data: { orderNo: r.order_no, sellerId: r.seller_id, expectedShipDate: r.expected_ship_date, flaggedAt: now.toISOString(), holdsCrediting: true },
      });
      flagged.push(r.order_no);
    }
    if (flagged.length > 0) await outbox.notifyRelay();
    return flagged;
  });
}
