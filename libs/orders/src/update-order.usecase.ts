import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { validateOrder } from './order-draft.rules';
import { applyPatch, type OrderPatch } from './order-edit.rules';
import { assignDraft, draftOf, type OrderEntity } from './order.entity';
import { assertSellerMayDraft, lockOrder, toOrderView } from './order-access';
import { decide } from './order-state.rules';
import type { OrderViewDto } from './order-view.dto';

/**
 * `PATCH /orders/{orderNo}`: a DRAFT changes freely; after submission only the expected ship date
 * and the milestones' due dates (order-edit.rules.ts); the result must still pass every invariant.
 */
@Injectable()
export class UpdateOrder {
  constructor(private readonly orm: MikroORM) {}

  async execute(orderNo: string, patch: OrderPatch, principal: Principal): Promise<OrderViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      await this.within(em, order, patch);
      return toOrderView(order);
    });
  }

  /** Applies a patch to an order the caller has loaded and locked, inside the caller's transaction (the API above, or the ERP feed). */
  async within(em: EntityManager, order: OrderEntity, patch: OrderPatch): Promise<void> {
    const state = { lifecycle: order.lifecycleStatus, payment: order.paymentStatus, fulfilment: order.fulfilmentStatus };
    const allowed = decide(state, 'EDIT');
    if (!allowed.ok) throw new DomainError(allowed.code, allowed.reason, 'conflict');
    const draft = validateOrder(applyPatch(draftOf(order), order.lifecycleStatus, patch));
    if (draft.currency !== order.currency) await assertSellerMayDraft(em, order.sellerId, draft.currency);
    assignDraft(order, draft);
    order.updatedAt = new Date();
    await em.flush();
  }
}
