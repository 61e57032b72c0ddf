import { Index } from '@mikro-orm/core';
import { RemittanceEntity } from '@ereceipt/remittances';

/**
 * The report's index on `remittance`: the period is a range of `received_at` over originals. It is
 * the report's concern, so it is declared here onto the remittance entity's metadata (like
 * matching's order-candidate indexes); `apps/hub/src/entities.ts` imports this lib for it, so a later
 * `ereceipt migrate create` does not drop it.
 */
Index({ name: 'remittance_report_received_idx', expression: `create index "remittance_report_received_idx" on "remittance" ("received_at") where "duplicate_of" is null` })(RemittanceEntity);

export const REPORT_INDEXES = ['remittance_report_received_idx'] as const;
