import { Index } from '@mikro-orm/core';
import { RemittanceEntity } from '@ereceipt/remittances';

/**
 * The report's indexes on `remittance`. They are the report's concern, so they are declared here onto
 * the remittance entity's metadata (like matching's order-candidate indexes); `apps/hub/src/entities.ts`
 * imports this lib for them, so a later `ereceipt migrate create` does not drop them.
 *
 * - `remittance_report_received_idx`: the period is a range of `received_at` over originals.
 * - `remittance_queue_*_idx` (Migration20261208040000, issue 22 §5): the exception queue's keyset pages,
 *   one per sort (age, amount, currency then age), over the originals waiting for a person only, so each
 *   stays as small as the queue and a page is an index range scan whatever the queue's length.
 */
Index({ name: 'remittance_report_received_idx', expression: `create index "remittance_report_received_idx" on "remittance" ("received_at") where "duplicate_of" is null` })(RemittanceEntity);

/** The states of an original that waits for a person; the literal list the partial indexes and the queue's SQL share. */
export const WAITING_STATUSES = ['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP', 'IDENTITY_CONFLICT'] as const;
export const WAITING_PREDICATE = `"duplicate_of" is null and "status" in (${WAITING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

Index({ name: 'remittance_queue_age_idx', expression: `create index "remittance_queue_age_idx" on "remittance" ("received_at", "id") where ${WAITING_PREDICATE}` })(RemittanceEntity);
Index({ name: 'remittance_queue_amount_idx', expression: `create index "remittance_queue_amount_idx" on "remittance" ("amount", "id") where ${WAITING_PREDICATE}` })(RemittanceEntity);
Index({ name: 'remittance_queue_currency_idx', expression: `create index "remittance_queue_currency_idx" on "remittance" ("currency", "received_at", "id") where ${WAITING_PREDICATE}` })(RemittanceEntity);

export const REPORT_INDEXES = ['remittance_report_received_idx', 'remittance_queue_age_idx', 'remittance_queue_amount_idx', 'remittance_queue_currency_idx'] as const;
