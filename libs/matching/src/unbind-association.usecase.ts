import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import type { RemittanceStatus } from '@ereceipt/remittances';
import { actorOf, lockAssociation } from './association-access';
import { endAssociation } from './association-changes';

/**
 * `DELETE /remittances/{id}/associations/{associationId}`: undoes a live association; the orders'
 * paid amounts and payment status are recomputed without it. Allowed while its funds are not
 * withdrawn: the funds listener on `associationHooks` refuses the reversal of withdrawn (or
 * withdrawing) funds in the same transaction, which rolls the unbind back (409).
 */
@Injectable()
export class UnbindAssociation {
  constructor(private readonly orm: MikroORM) {}

  async execute(remittanceId: string, associationId: string, principal: Principal, reason: string | null = null): Promise<{ remittanceStatus: RemittanceStatus }> {
    return this.orm.em.fork().transactional(async (em) => {
      const found = await lockAssociation(em, associationId, principal);
      if (found.remittance.id !== remittanceId) throw new DomainError('MATCHING.NOT_FOUND', `association ${associationId} not found on remittance ${remittanceId}`, 'not-found');
      const { status } = found.association;
      if (status !== 'PROPOSED' && status !== 'APPROVED') throw new DomainError('MATCHING.NOT_LIVE', `association ${associationId} is ${status}; only a live association is unbound`, 'conflict');
      const outbox = new OutboxWriter(em);
      const remittanceStatus = await endAssociation(em, outbox, { ...found, action: 'UNBIND', actor: actorOf(principal), reason });
      await outbox.notifyRelay();
      return { remittanceStatus };
    });
  }
}
