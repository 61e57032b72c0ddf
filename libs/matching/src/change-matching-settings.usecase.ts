import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { compareAmounts } from '@ereceipt/money';
import { actorOf } from './association-access';
import { DEFAULT_CHARGE_TOLERANCE } from './domain';
import { MatchingSettingsRepository } from './infrastructure/matching-settings.repository';
import type { MatchingSettingsDto, MatchingSettingsInputDto } from './matching-settings.dto';
import { assertSettingsAccess, matchingSettingsView } from './matching-settings.query';
import { DEFAULT_REVIEW_POLICY } from './review-policy.rules';

/**
 * `PUT /sellers/{sellerId}/matching-settings`: the seller's charge tolerance (the seller itself,
 * finance, admin) and review policy (finance and admin only: it is their control). A change is a
 * new row in the history, effective at once for the next wire and manual association; a PUT that
 * changes nothing adds nothing.
 */
@Injectable()
export class ChangeMatchingSettings {
  constructor(private readonly orm: MikroORM) {}

  async execute(sellerId: string, body: MatchingSettingsInputDto, principal: Principal): Promise<MatchingSettingsDto> {
    if (!body.chargeTolerance && !body.reviewPolicy) throw new DomainError('MATCHING.INVALID', 'nothing to change: give chargeTolerance and/or reviewPolicy', 'invalid');
    return this.orm.em.fork().transactional(async (em) => {
      await assertSettingsAccess(em, sellerId, principal);
      // One change at a time per seller, so each starts from the one before.
      await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`matching_settings:${sellerId}`]);
      const repo = new MatchingSettingsRepository(em);
      const current = await repo.current(sellerId);
      const before = { chargeTolerance: current?.chargeTolerance ?? DEFAULT_CHARGE_TOLERANCE, reviewPolicy: current?.reviewPolicy ?? DEFAULT_REVIEW_POLICY };
      const after = { chargeTolerance: body.chargeTolerance ?? before.chargeTolerance, reviewPolicy: body.reviewPolicy ?? before.reviewPolicy };
      if (principal.role === 'seller' && after.reviewPolicy !== before.reviewPolicy) {
        throw new DomainError('MATCHING.FINANCE_ONLY', 'the review policy is set by finance or an admin; a seller sets its charge tolerance', 'forbidden');
      }
      const unchanged =
        current !== null &&
        after.reviewPolicy === before.reviewPolicy &&
        compareAmounts(after.chargeTolerance.percent, before.chargeTolerance.percent) === 0 &&
        compareAmounts(after.chargeTolerance.absolute, before.chargeTolerance.absolute) === 0;
      if (!unchanged) await repo.append(sellerId, after, actorOf(principal), body.note ?? null);
      return matchingSettingsView(em, sellerId);
    });
  }
}
