import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { type ParsedRemittance, remittanceReceivedV1, TransientError } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import { RemittanceEntity } from './remittance.entity';
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
  ) {}

  async execute(parsed: ParsedRemittance, provenance: RemittanceProvenance, correlationId?: string): Promise<RecordResult> {
    const r = parsed.remittance;
    const fingerprint = remittanceFingerprint(r);
    const original = await this.findOriginal(parsed, fingerprint);
    const entity = this.em.create(RemittanceEntity, {
      id: randomUUID(),
      source: r.source,
      messageRef: r.messageRef,
      uetr: r.uetr,
      endToEndId: r.endToEndId,
      senderBic: r.senderBic,
      valueDate: r.valueDate,
      currency: r.currency,
      amount: r.amount,
      instructedAmount: r.instructedAmount,
      chargeBearer: r.chargeBearer,
      chargesDeducted: r.chargesDeducted,
      payerName: r.payer.name,
      payerAccount: r.payer.account,
      payerAddress: r.payer.address,
      payerBic: r.payer.bic,
      beneficiaryName: r.beneficiary.name,
      beneficiaryAccount: r.beneficiary.account,
      remittanceInfo: r.remittanceInfo,
      references: r.references,
      relatedReference: r.relatedReference,
      possibleDuplicate: r.possibleDuplicate,
      fingerprint,
      duplicateOf: original?.id ?? null,
      sellerId: null,
      status: original ? 'DUPLICATE' : 'PENDING_ASSOCIATION',
      receivedAt: new Date(),
      inboundMessageId: provenance.inboundMessageId,
      channel: provenance.channel,
      fileName: provenance.fileName,
      sourceIndex: parsed.location.index,
      sourceLine: parsed.location.line,
      raw: parsed.location.raw,
    });
    try {
      await this.em.persistAndFlush(entity);
    } catch (e) {
      // Another partition stored the same wire a moment ago: retry, and it will be found as the original.
      if (e instanceof UniqueConstraintViolationException) throw new TransientError('the same wire was stored concurrently; retrying', e);
      throw e;
    }
    if (original) return { status: 'duplicate', id: entity.id, duplicateOf: original.id };
    await this.outbox.appendEvent(remittanceReceivedV1, {
      key: entity.id,
      correlationId,
      data: {
        ...r,
        id: entity.id,
        status: entity.status,
        receivedAt: entity.receivedAt.toISOString(),
        provenance: { ...provenance, index: parsed.location.index, line: parsed.location.line },
      },
    });
    return { status: 'recorded', id: entity.id };
  }

  private async findOriginal(parsed: ParsedRemittance, fingerprint: string): Promise<RemittanceEntity | null> {
    const r = parsed.remittance;
    if (r.uetr) {
      const byUetr = await this.em.findOne(RemittanceEntity, { uetr: r.uetr, duplicateOf: null });
      if (byUetr) return byUetr;
    }
    if (r.endToEndId) {
      const byE2e = await this.em.findOne(RemittanceEntity, { endToEndId: r.endToEndId, currency: r.currency, amount: r.amount, duplicateOf: null });
      if (byE2e) return byE2e;
    }
    return this.em.findOne(RemittanceEntity, { fingerprint, duplicateOf: null });
  }
}
