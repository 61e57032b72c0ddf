import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import type { RemittanceStatus } from '@ereceipt/remittances';
import { actorOf, lockAssociation } from './association-access';
import { endAssociation } from './association-changes';

/**
 * `POST /associations/{id}/reject` (finance): a PROPOSED association is refused; its money leaves the
 * orders and the remittance goes to FOLLOW_UP (to re-associate or refund, docs/domain.md §3).
 */
@Injectable()
export class RejectAssociation {
  constructor(private readonly orm: MikroORM) {}

  async execute(associationId: string, principal: Principal, reason: string | null = null): Promise<{ status: 'REJECTED'; remittanceStatus: RemittanceStatus }> {
    if (principal.role !== 'finance') throw new DomainError('MATCHING.FINANCE_ONLY', 'only finance reviews associations', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const found = await lockAssociation(em, associationId, principal);
      if (found.association.status !== 'PROPOSED') throw new DomainError('MATCHING.NOT_PROPOSED', `association ${associationId} is ${found.association.status}; only a PROPOSED one is rejected (unbind an approved one)`, 'conflict');
      const outbox = new OutboxWriter(em);
      const remittanceStatus = await endAssociation(em, outbox, { ...found, action: 'REJECT', actor: actorOf(principal), reason });
      await outbox.notifyRelay();
      return { status: 'REJECTED', remittanceStatus };
    });
  }
}
