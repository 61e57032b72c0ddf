import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { ApiTokenEntity, type Role } from './api-token.entity';
import type { Principal } from './principal';
import { hashToken, looksLikeToken, newToken } from './token.rules';

@Injectable()
export class TokensService {
  constructor(private readonly em: EntityManager) {}

  /** Issues a token and returns it once; only its hash is kept. */
  async create(input: { role: Role; sellerId?: string | null; name?: string }): Promise<{ token: string; id: string }> {
    if (input.role === 'seller' && !input.sellerId) throw new DomainError('AUTH.SELLER_REQUIRED', 'a seller token must be bound to one seller (--seller ID)');
    if (input.role !== 'seller' && input.sellerId) throw new DomainError('AUTH.SELLER_NOT_ALLOWED', `a ${input.role} token is not bound to a seller`);
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
