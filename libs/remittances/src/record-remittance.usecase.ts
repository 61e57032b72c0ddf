import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CanonicalRemittance, type ParsedRemittance, remittanceReceivedV1, TransientError } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { columnsOf } from './remittance-canonical.mapper';
import { findIdentityCandidates, insertRemittances, type NewRemittanceRow } from './remittance.repository';
import type { RecordedRemittance, RemittanceHooks } from './remittance-hooks';
import { type Identity, type IdentityCandidate, identityOf, remittanceFingerprint } from './remittance-identity.rules';

/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

export interface RemittanceProvenance {
  inboundMessageId: string;
  channel: 'kafka' | 'http';
  topic: string | null;
  partition: number | null;
  offset: string | null;
  fileName: string | null;
}

export type RecordResult =
  | { status: 'recorded'; id: string }
  | { status: 'duplicate'; id: string; duplicateOf: string }
  | { status: 'conflict'; id: string; conflictsWith: string; reason: string };

/** One wire to record, with where it came from. */
export interface WireToRecord {
  parsed: ParsedRemittance;
  provenance: RemittanceProvenance;
  correlationId?: string | undefined;
}

/**
 * Stores wires once, whatever the channel: an original gets `remittance.received`; a copy (same
 * UETR, then same EndToEndId and amount, then same fingerprint, its money agreeing with the
 * original's up to the charges along the chain: remittance-identity.rules.ts) is stored linked to
 * it. A wire that reuses a stored UETR with other money is its own remittance, IDENTITY_CONFLICT,
 * linked to the original by `conflictsWith`: it gets `remittance.received` but no matching, and
 * waits in the exception queue for a person (issue #16).
 * `executeMany` records a whole batch with one lookup and one multi-row insert (issue #14); a copy
 * of a wire earlier in the same batch is found in memory by the same rules.
 */
export class RecordRemittance {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxWriter,
    private readonly hooks?: RemittanceHooks,
  ) {}

  async execute(parsed: ParsedRemittance, provenance: RemittanceProvenance, correlationId?: string): Promise<RecordResult> {
    const [result] = await this.executeMany([{ parsed, provenance, correlationId }]);
    return result;
  }

  /** Results in the order of `wires`. Matching (when registered) runs for the originals, in order, after all are stored. */
  async executeMany(wires: WireToRecord[], between?: () => Promise<void>): Promise<RecordResult[]> {
    if (wires.length === 0) return [];
    const fingerprints = wires.map((w) => remittanceFingerprint(w.parsed.remittance));
    const stored = await this.findCandidates(wires, fingerprints);
    const inBatch = new BatchCandidates();
    const receivedAt = new Date();
    // One prepared multi-row insert (remittance.repository.ts): no unit of work or identity map, whose
    // cost grows with every entity a chunk would otherwise keep managed (~45 % of the hub's CPU in the
    // first profile), and no SQL text with the values formatted in (issue #14).
    const identities: Identity[] = [];
    const entities = wires.map((w, i) => {
      const r = w.parsed.remittance;
      const identity = identityOf(r, [...stored[i], ...inBatch.find(r, fingerprints[i])]);
      identities.push(identity);
      const entity: NewRemittanceRow = {
        id: randomUUID(),
        ...columnsOf(r),
        fingerprint: fingerprints[i],
        duplicateOf: identity.kind === 'duplicate' ? identity.of : null,
        conflictsWith: identity.kind === 'conflict' ? identity.with : null,
        identityNote: identity.kind === 'conflict' ? identity.reason : identity.kind === 'duplicate' ? identity.note : null,
        chargesExplained: identity.kind === 'duplicate' ? identity.charge : null,
        sellerId: null,
        status: identity.kind === 'duplicate' ? 'DUPLICATE' : identity.kind === 'conflict' ? 'IDENTITY_CONFLICT' : 'PENDING_ASSOCIATION',
        inboundMessageId: w.provenance.inboundMessageId,
        channel: w.provenance.channel,
        fileName: w.provenance.fileName,
        sourceIndex: w.parsed.location.index,
        sourceLine: w.parsed.location.line,
        raw: w.parsed.location.raw,
      };
      if (identity.kind !== 'duplicate') inBatch.add(r, fingerprints[i], entity.id, entity.conflictsWith ?? null);
      return entity;
    });
    await this.sellersOfConflicts(entities);
    try {
      await insertRemittances(this.em, receivedAt, entities);
    } catch (e) {
      // Another partition stored the same wire a moment ago: retry, and it will be found as the original.
      if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) throw new TransientError('the same wire was stored concurrently; retrying', e);
      throw e;
    }
    const results: RecordResult[] = [];
    const recorded: RecordedRemittance[] = [];
    for (const [i, entity] of entities.entries()) {
      const { parsed, provenance, correlationId } = wires[i];
      const identity = identities[i];
      if (identity.kind === 'duplicate') {
        results.push({ status: 'duplicate', id: entity.id, duplicateOf: identity.of });
        continue;
      }
      const r = parsed.remittance;
      const status = identity.kind === 'conflict' ? 'IDENTITY_CONFLICT' : 'PENDING_ASSOCIATION';
      await this.outbox.appendEvent(remittanceReceivedV1, {
        key: entity.id,
        correlationId,
        data: {
          ...r,
          id: entity.id,
          status,
          receivedAt: receivedAt.toISOString(),
          provenance: { ...provenance, index: parsed.location.index, line: parsed.location.line },
        },
      });
      if (identity.kind === 'conflict') {
        // Never matched automatically: which of the two is the payment is for a person to say.
        results.push({ status: 'conflict', id: entity.id, conflictsWith: identity.with, reason: identity.reason });
        continue;
      }
      recorded.push({ em: this.em, outbox: this.outbox, remittanceId: entity.id, remittance: r, correlationId });
      results.push({ status: 'recorded', id: entity.id });
    }
    // Matching (when registered) runs here, in the same transaction, for each original in order: see RemittanceHooks.
    await this.hooks?.afterRecordedMany(recorded, between);
    return results;
  }

  /**
   * An identity conflict skips matching, which is what names a wire's seller: read the seller of its
   * collection account here, so that the seller sees it and the report files it under that seller.
   */
  private async sellersOfConflicts(entities: Array<{ status?: string; beneficiaryAccount?: string | null; sellerId?: string | null }>): Promise<void> {
    const conflicts = entities.filter((e) => e.status === 'IDENTITY_CONFLICT' && e.beneficiaryAccount);
    if (conflicts.length === 0) return;
    const rows = await this.em.execute<Array<{ account_number: string; seller_id: string }>>(
      `select account_number, seller_id from collection_account where account_number = any(?::text[])`,
      [`{${[...new Set(conflicts.map((e) => JSON.stringify(e.beneficiaryAccount)))].join(',')}}`],
    );
    const sellers = new Map(rows.map((r) => [r.account_number, r.seller_id]));
    for (const e of conflicts) e.sellerId = sellers.get(e.beneficiaryAccount!) ?? null;
  }

  /** The stored wires each new one may repeat (originals and identity conflicts), with how they were found: one statement for the batch. */
  private async findCandidates(wires: WireToRecord[], fingerprints: string[]): Promise<IdentityCandidate[][]> {
    const keys = wires.map((w, i) => {
      const r = w.parsed.remittance;
      return { i, uetr: r.uetr, e2e: r.endToEndId, cur: r.currency, amt: r.amount, fp: fingerprints[i] };
    });
    // One branch per key, each on its own index. The single `uetr = .. or (end_to_end_id = ..) or
    // fingerprint = ..` form was planned, while the table's statistics lagged behind a burst of
    // inserts, as a scan of every original through remittance_report_received_idx for each wire
    // (EXPLAIN ANALYZE: 2.7 s for 400 wires over 10,000 rows, against 15 ms for this form). The
    // coalesce() keeps that partial index out of the EndToEndId branch for the same reason. A UETR
    // finds its original (unique index) and the identity conflicts that reused it (their own index).
    const rows = await findIdentityCandidates(this.em, keys);
    const out: IdentityCandidate[][] = wires.map(() => []);
    for (const row of rows) {
      out[row.i].push({
        id: row.id,
        rank: row.rank as IdentityCandidate['rank'],
        conflictsWith: row.conflicts_with,
        money: { currency: row.currency, amount: row.amount, instructedAmount: row.instructed_amount, chargeBearer: row.charge_bearer, chargesDeducted: row.charges_deducted },
      });
    }
    return out;
  }
}

/** Originals and identity conflicts recorded earlier in the same batch, looked up by the same three keys as `findCandidates`. */
class BatchCandidates {
  private readonly byUetr = new Map<string, IdentityCandidate[]>();
  private readonly byEndToEnd = new Map<string, IdentityCandidate>();
  private readonly byFingerprint = new Map<string, IdentityCandidate>();

  find(r: CanonicalRemittance, fingerprint: string): IdentityCandidate[] {
    const found = [...(r.uetr ? (this.byUetr.get(r.uetr.toLowerCase()) ?? []) : [])];
    const e2e = r.endToEndId ? this.byEndToEnd.get(endToEndKey(r)) : undefined;
    if (e2e) found.push({ ...e2e, rank: 1 });
    const fp = this.byFingerprint.get(fingerprint);
    if (fp) found.push({ ...fp, rank: 2 });
    return found;
  }

  add(r: CanonicalRemittance, fingerprint: string, id: string, conflictsWith: string | null): void {
    const candidate: IdentityCandidate = { id, rank: 0, conflictsWith, money: r };
    if (r.uetr) this.byUetr.set(r.uetr.toLowerCase(), [...(this.byUetr.get(r.uetr.toLowerCase()) ?? []), candidate]);
    if (r.endToEndId && !this.byEndToEnd.has(endToEndKey(r))) this.byEndToEnd.set(endToEndKey(r), candidate);
    if (!this.byFingerprint.has(fingerprint)) this.byFingerprint.set(fingerprint, candidate);
  }
}

/** EndToEndId, currency and the amount as PostgreSQL's numeric compares it (1.50 = 1.5). */
function endToEndKey(r: CanonicalRemittance): string {
  return `${r.endToEndId ?? ''}|${r.currency}|${numericKey(r.amount)}`;
}

function numericKey(amount: string): string {
  const m = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(amount.trim());
  if (!m) return amount;
  const whole = m[2] || '0';
  const fraction = m[3] ?? '';
  return `${whole === '0' && !fraction ? '' : m[1] === '-' ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
