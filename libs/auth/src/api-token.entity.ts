import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const roles = ['seller', 'finance', 'admin', 'connector'] as const;
export type Role = (typeof roles)[number];

/** Bearer tokens; only the SHA-256 of the token is stored (tokens are 256-bit random). */
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
}
