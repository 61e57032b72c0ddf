import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { DEFAULT_CHARGE_TOLERANCE } from './domain';
import { MatchingSettingsRepository } from './infrastructure/matching-settings.repository';
import type { MatchingSettingsDto } from './matching-settings.dto';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from './review-policy.rules';

/** A seller reads its own settings; finance and admin any seller's. Unknown seller: 404. */
export async function assertSettingsAccess(em: EntityManager, sellerId: string, principal: Principal): Promise<void> {
  if (principal.role === 'seller' && principal.sellerId !== sellerId) throw new DomainError('MATCHING.NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
  const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id = ?`, [sellerId]);
  if (!seller) throw new DomainError('MATCHING.NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
}

/** The settings in force and their history, as `GET /sellers/{sellerId}/matching-settings` shows them. */
export async function matchingSettingsView(em: EntityManager, sellerId: string): Promise<MatchingSettingsDto> {
  const history = await new MatchingSettingsRepository(em).history(sellerId, 100);
  const [current] = history;
  const [pending] = await em.execute<Array<{ payload: { chargeTolerance: { percent: string; absolute: string }; reviewPolicy: ReviewPolicy; note: string | null }; requested_by: string; requested_at: Date }>>(
    `select payload, requested_by, requested_at from four_eyes_request where kind = 'MATCHING_SETTINGS' and subject_id = ? and status = 'PENDING'`,
    [sellerId],
  );
  return {
    sellerId,
    chargeTolerance: current?.chargeTolerance ?? DEFAULT_CHARGE_TOLERANCE,
    reviewPolicy: current?.reviewPolicy ?? DEFAULT_REVIEW_POLICY,
    defaults: !current,
    history: history.map((h) => ({ chargeTolerance: h.chargeTolerance, reviewPolicy: h.reviewPolicy, effectiveAt: h.effectiveAt.toISOString(), changedBy: h.changedBy, note: h.note })),
    pendingChange: pending ? { ...pending.payload, requestedBy: pending.requested_by, requestedAt: new Date(pending.requested_at).toISOString() } : null,
  };
}

/** `GET /sellers/{sellerId}/matching-settings`. */
@Injectable()
export class MatchingSettingsQuery {
  constructor(private readonly orm: MikroORM) {}

  async get(sellerId: string, principal: Principal): Promise<MatchingSettingsDto> {
    const em = this.orm.em.fork();
    await assertSettingsAccess(em, sellerId, principal);
    return matchingSettingsView(em, sellerId);
  }
}
