import type { EntityManager } from '@mikro-orm/postgresql';

/** PostgreSQL takes at most 65,535 bound parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;

/**
 * Runs SQL with `?` placeholders as a statement with bound parameters ($1.. on the wire) in `em`'s
 * transaction. `em.execute` formats every value into the SQL text first (escaping each string,
 * hex-encoding each Buffer); for the hot path's multi-row inserts of a whole batch that text was
 * megabytes per statement and most of the hub's garbage (issue #14 profile). Errors are pg's own
 * (SQLSTATE in `code`), which the error policy classifies.
 */
export async function executeBound<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const knex = em.getTransactionContext<ReturnType<EntityManager['getKnex']>>() ?? em.getKnex();
  const result = await knex.raw<{ rows?: T[] }>(sql, params as never[]);
  return result.rows ?? [];
}

/**
 * One multi-row statement per group of rows: `sql(values)` gets the `(?, ?, ...), (...)` list for
 * a group (each row `row(item, params)` pushes its parameters and returns its tuple); the returned
 * rows of all groups are concatenated in order.
 */
export async function executeRows<I, T = Record<string, unknown>>(em: EntityManager, items: readonly I[], paramsPerRow: number, row: (item: I, params: unknown[]) => string, sql: (values: string) => string): Promise<T[]> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, paramsPerRow)));
  const out: T[] = [];
  for (let from = 0; from < items.length; from += perStatement) {
    const params: unknown[] = [];
    const values = items.slice(from, from + perStatement).map((item) => row(item, params));
    out.push(...(await executeBound<T>(em, sql(values.join(', ')), params)));
  }
  return out;
}
