import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequiredEntityData, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type ParsedRemittance, remittanceReceivedV1, TransientError } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { columnsOf } from './remittance-canonical.mapper';
import { RemittanceEntity } from './remittance.entity';
import type { RemittanceHooks } from './remittance-hooks';
import { remittanceFingerprint } from './remittance-identity.rules';

export interface RemittanceProvenance {
  inboundMessageId: string;
  channel: 'kafka' | 'http';
  topic: string | null;
  partition: number | null;
  offset: string | null;
  fileName: string | null;
}

export type RecordResult = { status: 'recorded'; id: string } | { status: 'duplicate'; id: string; duplicateOf: string };

/**
 * Stores one wire once, whatever the channel: an original gets `remittance.received`; a copy
 * (same UETR, then same EndToEndId and amount, then same fingerprint) is stored linked to it.
 */
export class RecordRemittance {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxWriter,
    private readonly hooks?: RemittanceHooks,
  ) {}

  async execute(parsed: ParsedRemittance, provenance: RemittanceProvenance, correlationId?: string): Promise<RecordResult> {
    const r = parsed.remittance;
    const fingerprint = remittanceFingerprint(r);
    const originalId = await this.findOriginal(parsed, fingerprint);
    // A native insert: no unit of work or identity map, whose cost grows with every entity a chunk
    // of 200 messages would otherwise keep managed (it was ~45 % of the hub's CPU in the profile).
    const entity: RequiredEntityData<RemittanceEntity> & { id: string; receivedAt: Date } = {
      id: randomUUID(),
      ...columnsOf(r),
      fingerprint,
      duplicateOf: originalId,
      sellerId: null,
      status: originalId ? 'DUPLICATE' : 'PENDING_ASSOCIATION',
      receivedAt: new Date(),
      inboundMessageId: provenance.inboundMessageId,
      channel: provenance.channel,
      fileName: provenance.fileName,
      sourceIndex: parsed.location.index,
      sourceLine: parsed.location.line,
      raw: parsed.location.raw,
    };
    try {
      await this.em.insert(RemittanceEntity, entity);
    } catch (e) {
      // Another partition stored the same wire a moment ago: retry, and it will be found as the original.
      if (e instanceof UniqueConstraintViolationException) throw new TransientError('the same wire was stored concurrently; retrying', e);
      throw e;
    }
    if (originalId) return { status: 'duplicate', id: entity.id, duplicateOf: originalId };
    await this.outbox.appendEvent(remittanceReceivedV1, {
      key: entity.id,
      correlationId,
      data: {
        ...r,
        id: entity.id,
        status: 'PENDING_ASSOCIATION',
        receivedAt: entity.receivedAt.toISOString(),
        provenance: { ...provenance, index: parsed.location.index, line: parsed.location.line },
      },
    });
    // Matching (when registered) runs here, in the same transaction: see RemittanceHooks.
    await this.hooks?.afterRecorded({ em: this.em, outbox: this.outbox, remittanceId: entity.id, remittance: r, correlationId });
    return { status: 'recorded', id: entity.id };
  }

  /** The original of this wire, if stored already: by UETR, then EndToEndId with amount, then fingerprint. */
  private async findOriginal(parsed: ParsedRemittance, fingerprint: string): Promise<string | null> {
    const r = parsed.remittance;
    const rows = await this.em.execute<Array<{ id: string }>>(
      `select id from remittance
        where duplicate_of is null
          and ((uetr = ?::uuid) or (end_to_end_id = ? and currency = ? and amount = ?::numeric) or fingerprint = ?)
        order by case when uetr = ?::uuid then 0 when end_to_end_id = ? then 1 else 2 end
        limit 1`,
      [r.uetr, r.endToEndId, r.currency, r.amount, fingerprint, r.uetr, r.endToEndId],
    );
    return rows[0]?.id ?? null;
  }
}
