import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { type Principal, samePerson } from '@ereceipt/auth';
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
 *
 * Four eyes: a change by finance or an admin is first recorded as pending (`four_eyes_request`,
 * shown as `pendingChange`); the same change sent by a second, different finance person applies it,
 * and the history names both (`changedBy`: `<second> (four eyes with <first>)`). A different change
 * while one is pending is refused (409). A seller's own tolerance change applies at once: it is the
 * seller's setting, and it cannot loosen finance's review policy.
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
      if (unchanged) return matchingSettingsView(em, sellerId);
      if (principal.role === 'seller') {
        await repo.append(sellerId, after, actorOf(principal), body.note ?? null);
        return matchingSettingsView(em, sellerId);
      }
      const me = actorOf(principal);
      const [pending] = await em.execute<Array<{ id: string; requested_by: string; payload: { chargeTolerance: { percent: string; absolute: string }; reviewPolicy: string; note: string | null } }>>(
        `select id, requested_by, payload from four_eyes_request where kind = 'MATCHING_SETTINGS' and subject_id = ? and status = 'PENDING' for update`,
        [sellerId],
      );
      if (!pending) {
        await em.execute(
          `insert into four_eyes_request (id, kind, subject_id, currency, amount, payload, requested_by, requested_at, status) values (?, 'MATCHING_SETTINGS', ?, 'XXX', 0, ?, ?, ?, 'PENDING')`,
          [randomUUID(), sellerId, JSON.stringify({ chargeTolerance: after.chargeTolerance, reviewPolicy: after.reviewPolicy, note: body.note ?? null }), me, new Date()],
        );
        return matchingSettingsView(em, sellerId);
      }
      const p = pending.payload;
      const same = p.reviewPolicy === after.reviewPolicy && compareAmounts(p.chargeTolerance.percent, after.chargeTolerance.percent) === 0 && compareAmounts(p.chargeTolerance.absolute, after.chargeTolerance.absolute) === 0;
      if (!same) throw new DomainError('FOUR_EYES.DIFFERENT_REQUEST', `another change of these settings waits for a second finance person (asked by ${pending.requested_by}); approve it by sending the same values, or wait`, 'conflict');
      if (samePerson(pending.requested_by, me)) throw new DomainError('FOUR_EYES.SAME_PERSON', `${principal.name} asked for this change; a second finance person applies it`, 'forbidden');
      if (principal.role !== 'finance') throw new DomainError('FOUR_EYES.FINANCE_ONLY', 'the second pair of eyes on a settings change is a finance person', 'forbidden');
      await em.execute(`update four_eyes_request set status = 'DONE', decided_by = ?, decided_at = ? where id = ?`, [me, new Date(), pending.id]);
      await repo.append(sellerId, after, `${me} (four eyes with ${pending.requested_by})`, p.note ?? body.note ?? null);
      return matchingSettingsView(em, sellerId);
    });
  }
}
