import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { needsFourEyes, type Principal } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { isValidAmount } from '@ereceipt/money';
import { OrderEntity } from '@ereceipt/orders';
import { actorOf, lockRemittance } from './association-access';
import { createAssociation } from './association-changes';
import { MatchingSettingsRepository } from './infrastructure/matching-settings.repository';
import { NAME_MATCH_THRESHOLD, nameSimilarity } from './domain';
import { AssociationsRepository } from './infrastructure/associations.repository';
import { checkManualAllocations, type ManualAllocation } from './manual-allocation.rules';

export interface AssociateResult {
  associationId: string;
  status: 'PROPOSED' | 'APPROVED';
  remittanceStatus: 'ASSOCIATED' | 'UNDER_REVIEW';
}

/**
 * `POST /remittances/{id}/associations`: a person ties the remittance to orders of one seller in its
 * currency, amounts adding up to the remittance (or above it by bank charges within tolerance).
 * Four eyes on money: a finance or admin association above the currency's `FOUR_EYES_ABOVE`
 * threshold (default: every amount) is PROPOSED and waits for a second finance person
 * (`ApproveAssociation`); at or below it, it is credited at once. A seller's waits for finance when
 * the payer is not the buyer of every order (third-party payment, docs/domain.md §3) or its policy says
 * so. Conflicts are 409 with the reason.
 */
@Injectable()
export class AssociateRemittance {
  constructor(
    private readonly orm: MikroORM,
    @Optional() @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'fourEyesAbove'> = { fourEyesAbove: {} },
  ) {}

  async execute(remittanceId: string, allocations: ManualAllocation[], principal: Principal): Promise<AssociateResult> {
    return this.orm.em.fork().transactional(async (em) => {
      const r = await lockRemittance(em, remittanceId, principal);
      if (r.status === 'DUPLICATE' || r.status === 'RETURNED') throw new DomainError('MATCHING.NOT_ASSOCIABLE', `remittance ${r.id} is ${r.status}; associate its original instead`, 'conflict');
      if ((await new AssociationsRepository(em).liveFor(r.id)).length > 0) {
        throw new DomainError('MATCHING.ALREADY_ASSOCIATED', `remittance ${r.id} is already associated; unbind it first`, 'conflict');
      }
      for (const a of allocations) {
        if (!isValidAmount(a.amount, r.currency)) throw new DomainError('MATCHING.INVALID', `allocations: ${a.amount} is not an amount in ${r.currency}`, 'invalid');
      }
      const orders = await em.find(OrderEntity, { orderNo: { $in: allocations.map((a) => a.orderNo) } });
      const sellerId = principal.role === 'seller' ? principal.sellerId : r.sellerId;
      const settingsSeller = sellerId ?? orders[0]?.sellerId;
      const settings = settingsSeller ? await new MatchingSettingsRepository(em).current(settingsSeller) : null;
      const checked = checkManualAllocations({ amount: r.amount, currency: r.currency, chargeBearer: r.chargeBearer, sellerId }, allocations, orders, settings?.chargeTolerance);
      if (!checked.ok) throw new DomainError(checked.code, checked.reason, 'conflict');
      const thirdParty = orders.some((o) => !r.payerName || nameSimilarity(r.payerName, o.buyerName) < NAME_MATCH_THRESHOLD);
      // Finance and admin are the reviewers; a seller's own association waits for them when the payer is not
      // the buyer, or when the seller's policy sends every association to review. A reviewer's own
      // association waits for a second reviewer above the four-eyes threshold.
      const review = principal.role === 'seller' ? thirdParty || settings?.reviewPolicy === 'ALWAYS' : needsFourEyes(this.config.fourEyesAbove, r.currency, r.amount);
      const association = await createAssociation(em, new OutboxWriter(em), {
        remittance: r,
        sellerId: checked.sellerId,
        method: 'MANUAL',
        status: review ? 'PROPOSED' : 'APPROVED',
        allocations: checked.allocations,
        actor: actorOf(principal),
        decision: null,
        remittanceStatus: review ? 'UNDER_REVIEW' : 'ASSOCIATED',
      });
      await new OutboxWriter(em).notifyRelay();
      return { associationId: association.id, status: association.status as 'PROPOSED' | 'APPROVED', remittanceStatus: review ? 'UNDER_REVIEW' : 'ASSOCIATED' };
    });
  }
}
