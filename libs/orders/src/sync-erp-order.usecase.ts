import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { ErpOrderMessage } from '@connectors/erp-orders';
import { DomainError } from '@ereceipt/contracts';
import { SellerEntity } from '@ereceipt/sellers';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { type ErpSyncOutcome, ErpOrderSyncEntity } from './erp-order-sync.entities';
import { changedFields, inMessageTerms, toOrderInput, versionOutcome } from './erp-order-sync.rules';
import { validateOrder } from './order-draft.rules';
import { draftOf, OrderEntity } from './order.entity';
import { SubmitOrder } from './submit-order.usecase';
import { UpdateOrder } from './update-order.usecase';

export interface ErpSyncResult {
  outcome: ErpSyncOutcome;
  orderNo: string | null;
  appliedVersion: string;
  detail: string;
}

export interface ErpSyncSource {
  format: 'json' | 'xml';
  inboundMessageId: string | null;
}

/**
 * Applies one `erp.orders` message inside the caller's transaction (the inbound pipeline's
 * savepoint): idempotent on (seller, external order id, version), every arrival recorded in
 * `erp_order_sync`. An ERP order is an API order: the same draft, edit, submit and cancel use cases
 * write it, with the same rules, numbers and events. What may not happen (unknown or unapproved
 * seller, invalid order, frozen field, cancel after payment) throws a DomainError: the message goes
 * to the DLQ with the reason and nothing of it stays.
 */
@Injectable()
export class SyncErpOrder {
  constructor(
    private readonly draft: DraftOrder,
    private readonly update: UpdateOrder,
    private readonly submitter: SubmitOrder,
    private readonly canceller: CancelOrder,
  ) {}

  async execute(em: EntityManager, m: ErpOrderMessage, source: ErpSyncSource): Promise<ErpSyncResult> {
    await assertKnownSeller(em, m.sellerId);
    const state = await lockState(em, m.sellerId, m.externalOrderId);
    const seen = versionOutcome(m.version, state.appliedVersion);
    if (seen !== 'NEW') {
      const detail = `ignored: version ${m.version} ${seen === 'DUPLICATE' ? 'was already applied' : `is older than the applied ${state.appliedVersion}`}`;
      return this.record(em, m, source, { outcome: seen, orderNo: state.orderNo, appliedVersion: state.appliedVersion ?? m.version, detail });
    }
    let applied: { order: OrderEntity | null; detail: string[] };
    try {
      applied = m.action === 'CANCEL' ? await this.cancel(em, m) : await this.upsert(em, m);
    } catch (e) {
      throw inMessageTerms(e);
    }
    const orderNo = applied.order?.orderNo ?? state.orderNo;
    await em.execute(`update erp_order_state set applied_version = ?, order_no = ?, updated_at = now() where seller_id = ? and external_order_id = ?`, [m.version, orderNo, m.sellerId, m.externalOrderId]);
    return this.record(em, m, source, { outcome: 'APPLIED', orderNo, appliedVersion: m.version, detail: applied.detail.join(', ') });
  }

  private async upsert(em: EntityManager, m: ErpOrderMessage): Promise<{ order: OrderEntity; detail: string[] }> {
    if (!m.order) throw new DomainError('ERP_ORDER.MISSING_FIELD', 'order: is required for UPSERT', 'invalid');
    const input = toOrderInput(m.externalOrderId, m.order);
    const detail: string[] = [];
    let order = await findOrder(em, m);
    if (!order) {
      order = await this.draft.within(em, m.sellerId, input);
      detail.push('created');
    } else {
      const patch = changedFields(draftOf(order), validateOrder(input));
      const fields = Object.keys(patch);
      if (fields.length > 0) await this.update.within(em, order, patch);
      detail.push(fields.length > 0 ? `updated: ${fields.join(', ')}` : 'unchanged');
    }
    if (m.submit && order.lifecycleStatus === 'DRAFT') {
      await this.submitter.within(em, order, `erp:${m.sellerId}`);
      detail.push('submitted');
    } else if (m.submit) {
      // Asked again (or too late): nothing to do, but say so in the sync log.
      detail.push(`submit ignored: already ${order.lifecycleStatus}`);
    }
    return { order, detail };
  }

  private async cancel(em: EntityManager, m: ErpOrderMessage): Promise<{ order: OrderEntity; detail: string[] }> {
    const order = await findOrder(em, m);
    if (!order) throw new DomainError('ORDERS.NOT_FOUND', `seller ${m.sellerId} has no order ${m.externalOrderId} to cancel`, 'not-found');
    if (order.lifecycleStatus === 'CANCELLED') return { order, detail: ['already cancelled'] };
    await this.canceller.within(em, order, m.reason ?? undefined);
    return { order, detail: ['cancelled'] };
  }

  private async record(em: EntityManager, m: ErpOrderMessage, source: ErpSyncSource, result: ErpSyncResult): Promise<ErpSyncResult> {
    em.create(ErpOrderSyncEntity, {
      id: randomUUID(),
      sellerId: m.sellerId,
      externalOrderId: m.externalOrderId,
      version: m.version,
      action: m.action,
      submit: m.submit,
      outcome: result.outcome,
      appliedVersion: result.appliedVersion,
      orderNo: result.orderNo,
      detail: result.detail,
      format: source.format,
      inboundMessageId: source.inboundMessageId,
      receivedAt: new Date(),
    });
    await em.flush();
    return result;
  }
}

/** An unknown or not (yet) approved seller cannot sync orders: DLQ with the reason. */
async function assertKnownSeller(em: EntityManager, sellerId: string): Promise<void> {
  const seller = await em.findOne(SellerEntity, { id: sellerId });
  if (!seller) throw new DomainError('ORDERS.SELLER_NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
  if (seller.status !== 'APPROVED') throw new DomainError('ORDERS.SELLER_NOT_APPROVED', `seller ${sellerId} is ${seller.status}; only APPROVED sellers sync orders`, 'conflict');
}

/**
 * Creates the order's state row if it is the first message for it, then locks it: a concurrent
 * first delivery waits on the insert and then sees the committed version.
 */
async function lockState(em: EntityManager, sellerId: string, externalOrderId: string): Promise<{ appliedVersion: string | null; orderNo: string | null }> {
  await em.execute(`insert into erp_order_state (seller_id, external_order_id, applied_version, order_no, updated_at) values (?, ?, null, null, now()) on conflict do nothing`, [sellerId, externalOrderId]);
  const [row] = await em.execute<Array<{ applied_version: string | null; order_no: string | null }>>(
    `select applied_version::text as applied_version, order_no from erp_order_state where seller_id = ? and external_order_id = ? for update`,
    [sellerId, externalOrderId],
  );
  return { appliedVersion: row.applied_version, orderNo: row.order_no };
}

async function findOrder(em: EntityManager, m: ErpOrderMessage): Promise<OrderEntity | null> {
  return em.findOne(OrderEntity, { sellerId: m.sellerId, externalOrderId: m.externalOrderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}
