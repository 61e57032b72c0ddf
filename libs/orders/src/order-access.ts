import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { addAmounts, compareAmounts, subtractAmounts } from '@ereceipt/money';
import { SellerEntity } from '@ereceipt/sellers';
import { OrderEntity } from './order.entity';
import type { OrderViewDto } from './order-view.dto';

export function orderNotFound(orderNo: string): DomainError<'ORDERS.NOT_FOUND'> {
  return new DomainError('ORDERS.NOT_FOUND', `order ${orderNo} not found`, 'not-found');
}

/** Seller tokens see their own orders only: anyone else's is "not found", never "forbidden" (no probing). */
export function sellerScope(principal: Principal): { sellerId?: string } {
  if (principal.role !== 'seller') return {};
  if (!principal.sellerId) throw new DomainError('ORDERS.NO_SELLER', 'this seller token is bound to no seller', 'forbidden');
  return { sellerId: principal.sellerId };
}

/** Who did it, for logs and audit rows: `<role>:<token id>`. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.tokenId}`;
}

/** Loads an order for a state change, locked (`select ... for update`) until the transaction ends. */
export async function lockOrder(em: EntityManager, orderNo: string, principal: Principal): Promise<OrderEntity> {
  const order = await em.findOne(OrderEntity, { orderNo, ...sellerScope(principal) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!order) throw orderNotFound(orderNo);
  return order;
}

export function toOrderView(o: OrderEntity): OrderViewDto {
  const outstanding = subtractAmounts(o.currency, o.total, o.paidAmount);
  return {
    orderNo: o.orderNo,
    sellerId: o.sellerId,
    externalOrderId: o.externalOrderId,
    lifecycleStatus: o.lifecycleStatus,
    paymentStatus: o.paymentStatus,
    fulfilmentStatus: o.fulfilmentStatus,
    buyer: { name: o.buyerName, email: o.buyerEmail, country: o.buyerCountry },
    currency: o.currency,
    lines: o.lines,
    milestones: o.milestones,
    totals: { total: o.total, paidAmount: o.paidAmount, outstandingAmount: compareAmounts(outstanding, '0') < 0 ? addAmounts(o.currency) : outstanding },
    incoterm: o.incoterm,
    expectedShipDate: o.expectedShipDate,
    exportMethod: o.exportMethod,
    cancelReason: o.cancelReason,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    submittedAt: o.submittedAt?.toISOString() ?? null,
    cancelledAt: o.cancelledAt?.toISOString() ?? null,
    completedAt: o.completedAt?.toISOString() ?? null,
  };
}

/** Only an APPROVED seller drafts (409), and only in a currency it has a collection account for (400). */
export async function assertSellerMayDraft(em: EntityManager, sellerId: string, currency: string): Promise<void> {
  const seller = await em.findOne(SellerEntity, { id: sellerId });
  if (!seller) throw new DomainError('ORDERS.SELLER_NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
  if (seller.status !== 'APPROVED') throw new DomainError('ORDERS.SELLER_NOT_APPROVED', `seller ${sellerId} is ${seller.status}; only APPROVED sellers draft orders`, 'conflict');
  if (!seller.currencies.includes(currency)) {
    throw new DomainError('ORDERS.INVALID', `currency: the seller collects only in ${seller.currencies.join(', ')}`, 'invalid', { issues: [{ field: 'currency', message: 'no collection account in this currency' }] });
  }
}
