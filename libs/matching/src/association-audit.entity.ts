import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const auditActions = ['PROPOSE', 'APPROVE', 'REJECT', 'UNBIND', 'AUTO_ASSOCIATE', 'MANUAL_ASSOCIATE'] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Append-only, hash-chained audit of association changes. One chain per seller (`chain`), so
 * sellers do not queue behind each other's transactions; `hash = sha256(prev_hash || canonical
 * JSON of the row's content)`, and appends to a chain are serialized by an advisory lock.
 */
@Entity({ tableName: 'association_audit' })
@Index({ name: 'association_audit_chain_idx', properties: ['chain', 'seq'] })
@Index({ name: 'association_audit_remittance_idx', properties: ['remittanceId'] })
export class AssociationAuditEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true }) seq!: string;
  @Property({ type: 'string' }) chain!: string;
  @Property({ type: 'uuid' }) remittanceId!: string;
  @Property({ type: 'uuid', nullable: true }) associationId!: string | null;
  @Enum({ items: [...auditActions], type: 'string' }) action!: AuditAction;
  @Property({ type: 'text' }) actor!: string;
  @Property({ type: 'json' }) payload!: Record<string, unknown>;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) at!: Date;
  @Property({ type: 'string', length: 64 }) prevHash!: string;
  @Property({ type: 'string', length: 64 }) hash!: string;
}
