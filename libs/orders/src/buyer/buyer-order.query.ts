import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { creditorReferenceOf } from '@ereceipt/contracts';
import { compareAmounts, subtractAmounts } from '@ereceipt/money';
import { CollectionAccountEntity, SellerEntity } from '@ereceipt/sellers';
import { PaymentInfoConfirmationEntity } from '../buyer-activity.entities';
import { orderNotFound } from '../order-access';
import { OrderEntity } from '../order.entity';
import type { BuyerOrderViewDto } from './buyer-order-view.dto';

const nonNegative = (currency: string, a: string, b: string) => {
  const rest = subtractAmounts(currency, a, b);
  return compareAmounts(rest, '0') < 0 ? subtractAmounts(currency, a, a) : rest;
};

/** Builds the buyer's view of an order: what it is, what is due, where to pay, whether confirmed. */
export async function buyerOrderView(em: EntityManager, order: OrderEntity, linkExpiresAt: Date): Promise<BuyerOrderViewDto> {
  const [seller, account, confirmation] = await Promise.all([
    em.findOneOrFail(SellerEntity, { id: order.sellerId }),
    em.findOneOrFail(CollectionAccountEntity, { sellerId: order.sellerId, currency: order.currency }),
    em.findOne(PaymentInfoConfirmationEntity, { orderId: order.id }),
  ]);
  return {
    orderNo: order.orderNo,
    sellerName: seller.legalName,
    buyerName: order.buyerName,
    currency: order.currency,
    lines: order.lines.map(({ name, sku, quantity, unit, unitPrice, lineTotal }) => ({ name, sku, quantity, unit, unitPrice, lineTotal })),
    milestones: order.milestones.map((m) => ({ kind: m.kind, amount: m.amount, paidAmount: m.paidAmount, dueAmount: nonNegative(order.currency, m.amount, m.paidAmount), dueDate: m.dueDate, preShipment: m.preShipment })),
    total: order.total,
    paidAmount: order.paidAmount,
    outstandingAmount: nonNegative(order.currency, order.total, order.paidAmount),
    incoterm: order.incoterm,
    expectedShipDate: order.expectedShipDate,
    lifecycleStatus: order.lifecycleStatus,
    paymentStatus: order.paymentStatus,
    fulfilmentStatus: order.fulfilmentStatus,
    payTo: { beneficiaryName: account.beneficiaryName, bankName: account.bankName, bic: account.bic, accountNumber: account.accountNumber, reference: order.orderNo, creditorReference: creditorReferenceOf(order.orderNo) },
    confirmation: confirmation ? { confirmedAt: confirmation.confirmedAt.toISOString() } : null,
    canConfirm: order.lifecycleStatus === 'SUBMITTED' && !confirmation,
    canConfirmReceipt: order.fulfilmentStatus === 'SHIPPED' && order.lifecycleStatus !== 'CANCELLED' && order.lifecycleStatus !== 'COMPLETED',
    linkExpiresAt: linkExpiresAt.toISOString(),
  };
}

/**
 * The read behind `GET /buyer/orders/{orderNo}?t=`. The link was verified before this runs. A
 * DRAFT is "not found": the buyer never received a link for it (a link outlives a cancel, though).
 */
@Injectable()
export class BuyerOrderQuery {
  constructor(private readonly orm: MikroORM) {}

  async get(orderNo: string, linkExpiresAt: Date): Promise<BuyerOrderViewDto> {
    const em = this.orm.em.fork();
    const order = await em.findOne(OrderEntity, { orderNo });
    if (!order || order.lifecycleStatus === 'DRAFT') throw orderNotFound(orderNo);
    return buyerOrderView(em, order, linkExpiresAt);
  }
}
