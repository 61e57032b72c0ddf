import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const erpSyncOutcomes = ['APPLIED', 'DUPLICATE', 'STALE'] as const;
/** APPLIED: a newer version was applied; DUPLICATE: the applied version again; STALE: an older one (both ignored). */
export type ErpSyncOutcome = (typeof erpSyncOutcomes)[number];

/**
 * The last version of an ERP order the hub applied, per (seller, external order id). Its row is
 * locked (`select ... for update`) while a message for that order is applied, so two deliveries
 * of the same order never interleave, even from different partitions.
 */
@Entity({ tableName: 'erp_order_state' })
export class ErpOrderStateEntity {
  @PrimaryKey({ type: 'uuid' }) sellerId!: string;
  @PrimaryKey({ type: 'string', length: 100 }) externalOrderId!: string;
  /** Null only inside the transaction that creates the row. A PostgreSQL bigint, read as a string. */
  @Property({ type: 'bigint', nullable: true }) appliedVersion!: string | null;
  @Property({ type: 'string', length: 32, nullable: true }) orderNo!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}

/**
 * Every `erp.orders` message that reached the use case, and what became of it: users see that a
 * stale update arrived and was ignored. Messages that go to the DLQ leave no row here (their
 * savepoint rolls back); they are in `inbound_message` as DEAD_LETTERED with the reason.
 */
@Entity({ tableName: 'erp_order_sync' })
@Index({ name: 'erp_order_sync_order_idx', properties: ['sellerId', 'externalOrderId', 'receivedAt'] })
export class ErpOrderSyncEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) sellerId!: string;
  @Property({ type: 'string', length: 100 }) externalOrderId!: string;
  @Property({ type: 'bigint' }) version!: string;
  @Property({ type: 'string', length: 10 }) action!: 'UPSERT' | 'CANCEL';
  @Property({ type: 'boolean' }) submit!: boolean;
  @Enum({ items: [...erpSyncOutcomes], type: 'string' }) outcome!: ErpSyncOutcome;
  /** The version applied after this message (for DUPLICATE and STALE: the newer one that made it so). */
  @Property({ type: 'bigint' }) appliedVersion!: string;
  @Property({ type: 'string', length: 32, nullable: true }) orderNo!: string | null;
  /** What changed, e.g. `created, submitted`, `updated: expectedShipDate`, `unchanged`, `cancelled`. */
  @Property({ type: 'text' }) detail!: string;
  @Property({ type: 'string', length: 4 }) format!: 'json' | 'xml';
  @Property({ type: 'bigint', nullable: true }) inboundMessageId!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) receivedAt!: Date;
}
