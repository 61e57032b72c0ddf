import type { RemittanceEntity } from './remittance.entity';
import type { RemittanceViewDto } from './remittance-view.dto';

/** Where the wire came from, as kept in the inbound archive. */
export interface ArchivedPosition {
  topic: string;
  partition: number | null;
  offset: string | null;
}

/** The stored row as the API shows it: canonical nesting (payer, beneficiary), provenance, no raw text. */
export function toRemittanceView(r: RemittanceEntity, archived: ArchivedPosition | undefined): RemittanceViewDto {
  return {
    id: r.id,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    duplicateOf: r.duplicateOf,
    sellerId: r.sellerId,
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
    payer: { name: r.payerName, account: r.payerAccount, address: r.payerAddress, bic: r.payerBic },
    beneficiary: { name: r.beneficiaryName, account: r.beneficiaryAccount },
    remittanceInfo: r.remittanceInfo,
    references: r.references,
    relatedReference: r.relatedReference,
    possibleDuplicate: r.possibleDuplicate,
    provenance: {
      inboundMessageId: String(r.inboundMessageId),
      channel: r.channel,
      topic: archived?.topic ?? null,
      partition: archived?.partition ?? null,
      offset: archived?.offset ?? null,
      fileName: r.fileName,
      index: r.sourceIndex,
      line: r.sourceLine,
    },
    associations: [],
    decision: null,
  };
}
