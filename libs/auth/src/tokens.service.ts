import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { ApiTokenEntity, type Role } from './api-token.entity';
import type { Principal } from './principal';
import { hashToken, looksLikeToken, newToken } from './token.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TokensService {
  constructor(private readonly em: EntityManager) {}

  /** Issues a token and returns it once; only its hash is kept. */
  async create(input: { role: Role; sellerId?: string | null; name?: string }): Promise<{ token: string; id: string }> {
    if (input.role === 'seller' && !input.sellerId) throw new DomainError('AUTH.SELLER_REQUIRED', 'a seller token must be bound to one seller (--seller ID)');
    if (input.role !== 'seller' && input.sellerId) throw new DomainError('AUTH.SELLER_NOT_ALLOWED', `a ${input.role} token is not bound to a seller`);
    if (input.sellerId) {
      // Checked before the insert: a foreign-key violation would show the statement and PostgreSQL's error (issue #16).
      const known = UUID.test(input.sellerId) && (await this.em.fork().execute(`select 1 from seller where id = ?`, [input.sellerId])).length > 0;
      if (!known) throw new DomainError('AUTH.UNKNOWN_SELLER', `there is no seller with id "${input.sellerId}" (the id an application returns: POST /api/v1/sellers/applications)`, 'not-found');
    }
    const token = newToken();
    const em = this.em.fork();
    const entity = em.create(ApiTokenEntity, {
      id: randomUUID(),
      name: input.name ?? `${input.role} token`,
      role: input.role,
      sellerId: input.sellerId ?? null,
      tokenHash: hashToken(token),
      createdAt: new Date(),
      revokedAt: null,
    });
    await em.persistAndFlush(entity);
    return { token, id: entity.id };
  }

  async verify(token: string): Promise<Principal | null> {
    if (!looksLikeToken(token)) return null;
    const row = await this.em.fork().findOne(ApiTokenEntity, { tokenHash: hashToken(token), revokedAt: null });
    return row ? { tokenId: row.id, name: row.name, role: row.role, sellerId: row.sellerId } : null;
  }
}
