import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103 } from '@ereceipt/testing';

/**
 * The outage suites' stream (issue #16 item 2): `n` MT103 wires with unique references, and the
 * checks every suite ends with: each reference stored once, one `received` event each.
 * OUTAGE_WIRES sets n (default modest for `npm test`; 10000 for the figures in the notes).
 */
export const outageWires = (fallback: number): number => Number(process.env.OUTAGE_WIRES ?? fallback);

export function streamRefs(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
}

export async function produceWires(producer: Producer, refs: string[]): Promise<void> {
  for (let i = 0; i < refs.length; i += 500) {
    await producer.send({ topic: 'bank.remittance.mt103', messages: refs.slice(i, i + 500).map((ref, j) => ({ key: `seller-${(i + j) % 12}`, value: buildMt103({ ref }) })) });
  }
}

export async function storedCount(pool: Pool, prefix: string): Promise<number> {
  return (await pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`${prefix}-%`])).rows[0].n;
}

/** Lost = references never stored; doubled = references stored more than once, or with more than one received event. */
export async function lostAndDoubled(pool: Pool, prefix: string, refs: string[]): Promise<{ lost: number; doubled: number; events: number }> {
  const rows = await pool.query<{ message_ref: string; n: number }>(`select message_ref, count(*)::int as n from remittance where message_ref like $1 group by message_ref`, [`${prefix}-%`]);
  const seen = new Map(rows.rows.map((r) => [r.message_ref, r.n]));
  const events = await pool.query<{ n: number; refs: number }>(
    `select count(*)::int as n, count(distinct payload->>'messageRef')::int as refs from outbox_event where type = 'ereceipt.remittance.received.v1' and payload->>'messageRef' like $1`,
    [`${prefix}-%`],
  );
  return {
    lost: refs.filter((r) => !seen.has(r)).length,
    doubled: [...seen.values()].filter((n) => n !== 1).length + (events.rows[0].n - events.rows[0].refs),
    events: events.rows[0].n,
  };
}
