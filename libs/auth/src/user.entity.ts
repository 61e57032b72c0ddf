import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { type Role, roles } from './api-token.entity';

/**
 * A person who signs in (console and API): e-mail (lower case, unique), one role, an argon2id password
 * hash and an optional TOTP secret for a local user; for a person of an OpenID Connect provider the
 * issuer and subject instead (no password: they sign in at the provider; role and name are refreshed
 * from the claims at each sign-in).
 */
@Entity({ tableName: 'hub_user' })
@Unique({ name: 'hub_user_email_uq', properties: ['email'] })
@Unique({ name: 'hub_user_oidc_uq', properties: ['oidcIssuer', 'oidcSubject'] })
export class UserEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'string' }) email!: string;
  @Property({ type: 'string' }) displayName!: string;
  @Enum({ items: [...roles], type: 'string' }) role!: Role;
  @Property({ type: 'uuid', nullable: true }) sellerId!: string | null;
  @Property({ type: 'text', nullable: true }) passwordHash!: string | null;
  @Property({ type: 'text', nullable: true }) totpSecret!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) passwordChangedAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Property({ type: 'text', nullable: true }) oidcIssuer!: string | null;
  @Property({ type: 'text', nullable: true }) oidcSubject!: string | null;
}

/**
 * A signed-in session (console cookie or API bearer `ers_...`): only the SHA-256 of its token is
 * stored. It ends at `expiresAt` (absolute), after the idle limit since `lastSeenAt`, on logout, on
 * a password reset or when the user is disabled.
 */
@Entity({ tableName: 'user_session' })
@Unique({ name: 'user_session_hash_uq', properties: ['tokenHash'] })
@Index({ name: 'user_session_user_idx', properties: ['userId'] })
export class UserSessionEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) userId!: string;
  @Property({ type: 'string', length: 64 }) tokenHash!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) lastSeenAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) expiresAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) endedAt!: Date | null;
}
