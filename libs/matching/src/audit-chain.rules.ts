import { createHash } from 'node:crypto';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row's hash covers: everything but `seq` (assigned by the database) and the hashes. */
export interface AuditContent {
  chain: string;
  remittanceId: string;
  associationId: string | null;
  action: string;
  actor: string;
  payload: unknown;
  at: string;
}

export interface AuditRow extends AuditContent {
  seq: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level: one byte sequence per value, whatever the key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; seq: string; problem: 'PREV_HASH' | 'HASH' };

/** Walks one chain in `seq` order: each row must point at the previous hash and hash to its own. */
export function verifyChain(rows: readonly AuditRow[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== prev) return { ok: false, seq: row.seq, problem: 'PREV_HASH' };
    const { seq: _seq, prevHash: _p, hash, ...content } = row;
    if (auditHash(prev, content) !== hash) return { ok: false, seq: row.seq, problem: 'HASH' };
    prev = hash;
  }
  return { ok: true, rows: rows.length };
}
