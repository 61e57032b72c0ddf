import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { RemittanceEntity } from '@ereceipt/remittances';
import { actorOf, lockAssociation } from './association-access';
import { associationHooks } from './association-hooks';
import { appendAudit } from './infrastructure/association-audit.writer';
import { AssociationsRepository } from './infrastructure/associations.repository';

/** `POST /associations/{id}/approve` (finance): PROPOSED -> APPROVED; the funds become credited. */
@Injectable()
export class ApproveAssociation {
  constructor(private readonly orm: MikroORM) {}

  async execute(associationId: string, principal: Principal, note: string | null = null): Promise<{ status: 'APPROVED'; remittanceStatus: 'ASSOCIATED' | 'UNDER_REVIEW' }> {
    if (principal.role !== 'finance') throw new DomainError('MATCHING.FINANCE_ONLY', 'only finance reviews associations', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const { association, remittance } = await lockAssociation(em, associationId, principal);
      if (association.status !== 'PROPOSED') throw new DomainError('MATCHING.NOT_PROPOSED', `association ${associationId} is ${association.status}; only a PROPOSED one is approved`, 'conflict');
      const now = new Date();
      const repo = new AssociationsRepository(em);
      await repo.setStatus(association.id, 'APPROVED', actorOf(principal), note, now);
      await associationHooks.changed(em, association.id);
      const pending = (await repo.liveFor(remittance.id)).some((a) => a.id !== association.id && a.status === 'PROPOSED');
      const remittanceStatus = pending ? 'UNDER_REVIEW' : 'ASSOCIATED';
      await em.nativeUpdate(RemittanceEntity, { id: remittance.id }, { status: remittanceStatus });
      await appendAudit(em, { chain: association.sellerId, remittanceId: remittance.id, associationId: association.id, action: 'APPROVE', actor: actorOf(principal), payload: { note } }, now);
      return { status: 'APPROVED', remittanceStatus };
    });
  }
}
