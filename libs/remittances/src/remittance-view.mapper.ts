import { canonicalOf } from './remittance-canonical.mapper';
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
    conflictsWith: r.conflictsWith,
    identityNote: r.identityNote,
    chargesExplained: r.chargesExplained,
    sellerId: r.sellerId,
    ...canonicalOf(r),
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
