import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FxRateMessage } from './fx-rate.rules';

/**
 * Stores a published rate in the caller's transaction. Idempotent: the same (pair, validFrom,
 * source) again updates the rate in place (a correction, or the same message re-sent).
 */
export async function recordFxRate(em: EntityManager, m: FxRateMessage, inboundMessageId: string | null): Promise<'CREATED' | 'UPDATED'> {
  const rows = await em.execute<Array<{ created: boolean }>>(
    `insert into fx_rate (id, base, quote, rate, valid_from, source, received_at, inbound_message_id)
     values (?, ?, ?, ?, ?, ?, now(), ?)
     on conflict (base, quote, valid_from, source) do update set rate = excluded.rate, received_at = excluded.received_at, inbound_message_id = excluded.inbound_message_id
     returning (xmax = 0) as created`,
    [randomUUID(), m.base, m.quote, m.rate, m.validFrom, m.source, inboundMessageId],
  );
  return rows[0]?.created ? 'CREATED' : 'UPDATED';
}
