import { Index } from '@mikro-orm/core';
import { OrderEntity } from '@ereceipt/orders';

/**
 * Candidate retrieval's indexes on `ereceipt_order` (Migration20261127051347, Migration20261127054500). They are
 * matching's concern, so they are declared here, onto the orders entity's metadata, rather than in
 * libs/orders; without a declaration the next `ereceipt migrate create` would generate their drop.
 * Imported for its side effect by this lib's index (which `apps/hub/src/entities.ts` imports).
 */
const OPEN = `where "lifecycle_status" in ('SUBMITTED', 'CONFIRMED') and "payment_status" <> 'PAID'`;

Index({ name: 'ereceipt_order_open_idx', expression: `create index "ereceipt_order_open_idx" on "ereceipt_order" ("seller_id", "currency", "created_at") ${OPEN}` })(OrderEntity);
Index({ name: 'ereceipt_order_open_amount_idx', expression: `create index "ereceipt_order_open_amount_idx" on "ereceipt_order" ("seller_id", "currency", ("total" - "paid_amount")) ${OPEN}` })(OrderEntity);
Index({ name: 'ereceipt_order_open_buyer_idx', expression: `create index "ereceipt_order_open_buyer_idx" on "ereceipt_order" ("seller_id", "currency", "buyer_name") ${OPEN}` })(OrderEntity);

export const ORDER_CANDIDATE_INDEXES = ['ereceipt_order_open_idx', 'ereceipt_order_open_amount_idx', 'ereceipt_order_open_buyer_idx'] as const;
