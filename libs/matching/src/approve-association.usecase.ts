import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { needsFourEyes, type Principal, samePerson } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { RemittanceEntity } from '@ereceipt/remittances';
import { actorOf, lockAssociation } from './association-access';
import { associationHooks } from './association-hooks';
import { appendAudit } from './infrastructure/association-audit.writer';
import { AssociationsRepository } from './infrastructure/associations.repository';

export interface ApproveResult {
  /** APPROVED: credited; PROPOSED: a first approval is recorded and the association waits for a second finance person. */
  status: 'APPROVED' | 'PROPOSED';
  remittanceStatus: 'ASSOCIATED' | 'UNDER_REVIEW';
  /** Who else approved (four eyes), when someone did. */
  firstApprovedBy?: string | null;
}

const isReviewer = (actor: string) => actor.startsWith('finance:') || actor.startsWith('admin:');

/**
 * `POST /associations/{id}/approve` (finance): PROPOSED -> APPROVED; the funds become credited.
 *
 * Four eyes (above the currency's `FOUR_EYES_ABOVE` threshold, default every amount): two different
 * finance people. When a finance or admin person proposed it (a manual association), the approver
 * must be someone else; when the engine or a seller proposed it, the first finance approval is
 * recorded (audit APPROVE, stage FIRST; the association stays PROPOSED) and a second, different
 * finance person approves it. Both names are in the audit chain; the proposer is refused
 * (FOUR_EYES.SAME_PERSON, 403).
 */
@Injectable()
export class ApproveAssociation {
  constructor(
    private readonly orm: MikroORM,
    @Optional() @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'fourEyesAbove'> = { fourEyesAbove: {} },
  ) {}

  async execute(associationId: string, principal: Principal, note: string | null = null): Promise<ApproveResult> {
    if (principal.role !== 'finance') throw new DomainError('MATCHING.FINANCE_ONLY', 'only finance reviews associations', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const { association, remittance } = await lockAssociation(em, associationId, principal);
      if (association.status !== 'PROPOSED') throw new DomainError('MATCHING.NOT_PROPOSED', `association ${associationId} is ${association.status}; only a PROPOSED one is approved`, 'conflict');
      const me = actorOf(principal);
      const now = new Date();
      const repo = new AssociationsRepository(em);
      const fourEyes = needsFourEyes(this.config.fourEyesAbove, association.currency, association.amount);
      // The first pair of eyes: a reviewer who proposed it, or a finance person who approved it first.
      const first = isReviewer(association.actor) ? association.actor : association.decidedBy;
      if (first && samePerson(first, me)) {
        throw new DomainError('FOUR_EYES.SAME_PERSON', `${me.slice(me.indexOf(':') + 1)} ${first === association.actor ? 'proposed' : 'already approved'} association ${associationId}; a second finance person approves it`, 'forbidden');
      }
      if (fourEyes && !first) {
        await repo.setStatus(association.id, 'PROPOSED', me, note, now);
        await appendAudit(em, { chain: association.sellerId, remittanceId: remittance.id, associationId: association.id, action: 'APPROVE', actor: me, payload: { note, stage: 'FIRST', waitingFor: 'a second finance person' } }, now);
        return { status: 'PROPOSED', remittanceStatus: 'UNDER_REVIEW', firstApprovedBy: null };
      }
      await repo.setStatus(association.id, 'APPROVED', me, note, now);
      await associationHooks.changed(em, association.id);
      const pending = (await repo.liveFor(remittance.id)).some((a) => a.id !== association.id && a.status === 'PROPOSED');
      const remittanceStatus = pending ? 'UNDER_REVIEW' : 'ASSOCIATED';
      await em.nativeUpdate(RemittanceEntity, { id: remittance.id }, { status: remittanceStatus });
      await appendAudit(em, { chain: association.sellerId, remittanceId: remittance.id, associationId: association.id, action: 'APPROVE', actor: me, payload: { note, ...(first ? { stage: 'SECOND', firstApprovedBy: first } : {}) } }, now);
      return { status: 'APPROVED', remittanceStatus, firstApprovedBy: first ?? null };
    });
  }
}
