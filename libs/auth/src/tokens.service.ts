import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { ApiTokenEntity, type Role } from './api-token.entity';
import { tokenActorName } from './four-eyes.rules';
import type { Principal } from './principal';
import { hashToken, looksLikeToken, newToken } from './token.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The last use is written at most once a minute per token. */
const TOUCH_MS = 60_000;

export interface TokenListing {
  id: string;
  name: string;
  role: Role;
  sellerId: string | null;
  owner: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: 'active' | 'expired' | 'revoked';
}

@Injectable()
export class TokensService {
  constructor(private readonly em: EntityManager) {}

  /** Issues a token and returns it once; only its hash is kept. */
  async create(input: { role: Role; sellerId?: string | null; name?: string; owner?: string | null; expiresInDays?: number | null }): Promise<{ token: string; id: string }> {
    if (input.role === 'seller' && !input.sellerId) throw new DomainError('AUTH.SELLER_REQUIRED', 'a seller token must be bound to one seller (--seller ID)');
    if (input.role !== 'seller' && input.sellerId) throw new DomainError('AUTH.SELLER_NOT_ALLOWED', `a ${input.role} token is not bound to a seller`);
    if (input.expiresInDays !== undefined && input.expiresInDays !== null && !(Number.isInteger(input.expiresInDays) && input.expiresInDays > 0 && input.expiresInDays <= 3650)) {
      throw new DomainError('AUTH.INVALID_EXPIRY', '--expires-in-days: a whole number of days from 1 to 3650');
    }
    const em = this.em.fork();
    if (input.sellerId) {
      // Checked before the insert: a foreign-key violation would show the statement and PostgreSQL's error (issue #16).
      const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id::text = ?`, [input.sellerId]);
      if (!seller) throw new DomainError('AUTH.UNKNOWN_SELLER', `there is no seller with id "${input.sellerId}" (the id an application returns: POST /api/v1/sellers/applications)`, 'not-found');
    }
    const token = newToken();
    const now = new Date();
    const entity = em.create(ApiTokenEntity, {
      id: randomUUID(),
      name: input.name ?? `${input.role} token`,
      role: input.role,
      sellerId: input.sellerId ?? null,
      tokenHash: hashToken(token),
      createdAt: now,
      revokedAt: null,
      owner: input.owner?.trim() || null,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      lastUsedAt: null,
    });
    await em.persistAndFlush(entity);
    return { token, id: entity.id };
  }

  async list(now = new Date()): Promise<TokenListing[]> {
    const rows = await this.em.fork().find(ApiTokenEntity, {}, { orderBy: { createdAt: 'asc' } });
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      role: t.role,
      sellerId: t.sellerId,
      owner: t.owner,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
      state: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
    }));
  }

  /** Revokes by id (or by its first 8 characters when they name one token); every later call with it is refused. */
  async revoke(idOrPrefix: string): Promise<{ id: string; name: string }> {
    const em = this.em.fork();
    const rows = UUID.test(idOrPrefix)
      ? await em.find(ApiTokenEntity, { id: idOrPrefix.toLowerCase() })
      : /^[0-9a-f]{8}$/i.test(idOrPrefix)
        ? (await em.find(ApiTokenEntity, {})).filter((t) => t.id.startsWith(idOrPrefix.toLowerCase()))
        : [];
    if (rows.length !== 1) throw new DomainError('AUTH.NO_SUCH_TOKEN', rows.length ? `${idOrPrefix} names ${rows.length} tokens; give the whole id` : `there is no token ${idOrPrefix} (see \`ereceipt tokens list\`)`, 'not-found');
    const [row] = rows as [ApiTokenEntity];
    if (!row.revokedAt) await em.nativeUpdate(ApiTokenEntity, { id: row.id }, { revokedAt: new Date() });
    return { id: row.id, name: row.name };
  }

  async verify(token: string, now = new Date()): Promise<Principal | null> {
    if (!looksLikeToken(token)) return null;
    const em = this.em.fork();
    const row = await em.findOne(ApiTokenEntity, { tokenHash: hashToken(token), revokedAt: null });
    if (!row || (row.expiresAt && row.expiresAt <= now)) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_MS) await em.nativeUpdate(ApiTokenEntity, { id: row.id }, { lastUsedAt: now });
    return { kind: 'token', userId: null, tokenId: row.id, name: tokenActorName(row), role: row.role, sellerId: row.sellerId };
  }
}
