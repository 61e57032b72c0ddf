import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const roles = ['seller', 'finance', 'admin', 'connector'] as const;
export type Role = (typeof roles)[number];

/**
 * Machine tokens for connectors and ERPs; only the SHA-256 of the token is stored (tokens are
 * 256-bit random). A token has a name, an owner (the person answerable for it, free text, usually
 * an e-mail), an optional expiry, and the time of its last use (written at most once a minute).
 */
@Entity({ tableName: 'api_token' })
@Unique({ name: 'api_token_hash_uq', properties: ['tokenHash'] })
export class ApiTokenEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: [...roles], type: 'string' })
  role!: Role;

  @Property({ type: 'uuid', nullable: true })
  sellerId!: string | null;

  @Property({ type: 'string', length: 64 })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  owner!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
