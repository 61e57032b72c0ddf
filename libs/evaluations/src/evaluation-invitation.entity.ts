import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One invitation e-mail queued for an order: `seq` counts per order (the mail's dedupe key), for the rate limit and the audit. */
@Entity({ tableName: 'evaluation_invitation' })
@Unique({ name: 'evaluation_invitation_order_seq_uq', properties: ['orderId', 'seq'] })
export class EvaluationInvitationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) orderId!: string;
  @Property({ type: 'string', length: 32 }) orderNo!: string;
  @Property({ type: 'integer' }) seq!: number;
  @Property({ type: 'text' }) toAddress!: string;
  @Property({ type: 'string', length: 100 }) requestedBy!: string;
  @Property({ type: 'uuid' }) mailId!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) linkExpiresAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
}
