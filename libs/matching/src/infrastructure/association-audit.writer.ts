import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditContent, type AuditRow, auditHash, GENESIS_HASH, type ChainVerdict, verifyChain } from '../audit-chain.rules';
import type { AuditAction } from '../association-audit.entity';

export interface AuditEntry {
  /** The seller: one chain per seller. */
  chain: string;
  remittanceId: string;
  associationId: string | null;
  action: AuditAction;
  actor: string;
  payload: Record<string, unknown>;
}

/**
 * Appends to the seller's audit chain inside the caller's transaction. The advisory transaction
 * lock serializes appends to one chain (two transactions reading the same head would fork it);
 * it is released at commit or rollback, so a rolled-back change leaves no audit row behind.
 */
export async function appendAudit(em: EntityManager, entry: AuditEntry, at: Date = new Date()): Promise<string> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`association_audit:${entry.chain}`]);
  const [head] = await em.execute<Array<{ hash: string }>>(`select hash from association_audit where chain = ? order by seq desc limit 1`, [entry.chain]);
  const prevHash = head?.hash ?? GENESIS_HASH;
  const content: AuditContent = { ...entry, at: at.toISOString() };
  const hash = auditHash(prevHash, content);
  await em.execute(
    `insert into association_audit (chain, remittance_id, association_id, action, actor, payload, at, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [entry.chain, entry.remittanceId, entry.associationId, entry.action, entry.actor, JSON.stringify(entry.payload), at, prevHash, hash],
  );
  return hash;
}

/** Reads one chain in order and verifies it (an `ereceipt audit verify` and the tests use it). */
export async function verifyAuditChain(em: EntityManager, chain: string): Promise<ChainVerdict> {
  const rows = await em.execute<Array<{ seq: string; chain: string; remittance_id: string; association_id: string | null; action: string; actor: string; payload: unknown; at: Date; prev_hash: string; hash: string }>>(
    `select a.seq::text as seq, chain, remittance_id, association_id, action, actor, payload, at, prev_hash, hash from association_audit a where chain = ? order by a.seq`,
    [chain],
  );
  const chainRows: AuditRow[] = rows.map((r) => ({
    seq: r.seq,
    chain: r.chain,
    remittanceId: r.remittance_id,
    associationId: r.association_id,
    action: r.action,
    actor: r.actor,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
    at: new Date(r.at).toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  return verifyChain(chainRows);
}

/** Every chain (one per seller), or one seller's: each verified; an empty list when nothing was audited. */
export async function verifyAuditChains(em: EntityManager, sellerId: string | null = null): Promise<Array<{ chain: string; verdict: ChainVerdict }>> {
  const chains = sellerId ? [{ chain: sellerId }] : await em.execute<Array<{ chain: string }>>(`select distinct chain from association_audit order by chain`);
  const verdicts: Array<{ chain: string; verdict: ChainVerdict }> = [];
  for (const { chain } of chains) verdicts.push({ chain, verdict: await verifyAuditChain(em, chain) });
  return verdicts;
}
