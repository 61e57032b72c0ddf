import type { EntityManager } from '@mikro-orm/postgresql';
import { pickRate, type RateCandidate } from './fx-rate.rules';

export interface RateInForce extends RateCandidate {
  base: string;
  quote: string;
}

async function latest(em: EntityManager, base: string, quote: string, at: Date): Promise<RateCandidate | null> {
  const [row] = await em.execute<Array<{ rate: string; valid_from: Date; source: string }>>(
    `select rate::text as rate, valid_from, source from fx_rate where base = ? and quote = ? and valid_from <= ? order by valid_from desc, received_at desc limit 1`,
    [base, quote, at],
  );
  return row ? { rate: row.rate, validFrom: new Date(row.valid_from).toISOString(), source: row.source, inverted: false } : null;
}

/**
 * The rate that converts 1 `base` into `quote` at instant `at`: the latest publication for the pair
 * valid at or before it, or the inverse of the latest one for (quote, base) when that is more recent
 * (or the only one). Null when no rate is known: callers do not guess. The same currency is 1.
 */
export async function rateInForce(em: EntityManager, base: string, quote: string, at: Date): Promise<RateInForce | null> {
  if (base === quote) return { base, quote, rate: '1', validFrom: new Date(0).toISOString(), source: 'identity', inverted: false };
  const picked = pickRate(await latest(em, base, quote, at), await latest(em, quote, base, at));
  return picked ? { ...picked, base, quote } : null;
}
