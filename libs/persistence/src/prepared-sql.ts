import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClientBase, QueryResultRow } from 'pg';

/**
 * A named statement for `runPrepared`: PostgreSQL parses and plans it once per connection (pg keeps
 * the names it has prepared on each connection), and every later run sends only its parameters.
 * The text must not depend on the number of rows: multi-row writes take one array per column and
 * `unnest` them, so one statement serves any batch.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const declared = new Map<string, string>();

/** Declares a statement; one name is one text for the whole process (pg refuses a name reused with another text). */
export function preparedStatement(name: string, text: string): PreparedStatement {
  const before = declared.get(name);
  if (before !== undefined && before !== text) throw new Error(`prepared statement ${name} declared twice with different text`);
  declared.set(name, text);
  return { name, text };
}

interface KnexClientLike {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/**
 * Runs `statement` with `values` ($1.. bound, never formatted into the text) on the raw `pg`
 * connection of `em`'s transaction, so it commits or rolls back with everything else the
 * transaction (or savepoint) wrote through the ORM. Outside a transaction it borrows a pooled
 * connection for the one statement. The hot path's multi-row writes use it (issue #14): MikroORM
 * formats values into the SQL text (megabytes per chunk, most of the hub's garbage), knex rewrites
 * `?` placeholders on every call, and neither keeps a plan. Errors are pg's own (SQLSTATE in `code`),
 * which the error policy classifies.
 */
export async function runPrepared<T extends QueryResultRow = Record<string, unknown>>(em: EntityManager, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  const trx = em.getTransactionContext<{ client: KnexClientLike }>();
  if (trx) {
    const connection = (await trx.client.acquireConnection()) as ClientBase;
    return (await connection.query<T>({ name: statement.name, text: statement.text, values })).rows;
  }
  const client = (em.getKnex() as unknown as { client: KnexClientLike }).client;
  const connection = (await client.acquireConnection()) as ClientBase;
  try {
    return (await connection.query<T>({ name: statement.name, text: statement.text, values })).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * Byte strings for a `bytea` column of a multi-row statement: pg would send a `bytea[]` as hex text
 * (twice the size, escaped in JavaScript); one binary parameter with every value back to back, and
 * each row's start and length, is sent as it is. In SQL: `substring($blob::bytea from start + 1 for length)`
 * (a null value has length -1; use `case when length < 0 then null else substring(..) end`).
 */
export function packBytes(values: ReadonlyArray<Buffer | null>): { blob: Buffer; starts: number[]; lengths: number[] } {
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  const parts: Buffer[] = [];
  for (const v of values) {
    starts.push(at);
    lengths.push(v === null ? -1 : v.length);
    if (v !== null) {
      parts.push(v);
      at += v.length;
    }
  }
  return { blob: Buffer.concat(parts, at), starts, lengths };
}
