import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import { OrderEntity } from '@ereceipt/orders';
import { rateInForce } from '@ereceipt/rates';
import { type DeclaredPart, type DeclaredTotal, totalDeclared } from './declared-value.rules';
import { ShipmentEntity } from './fulfillment.entities';

/**
 * The declared goods value of an order in its currency, for the funds rules (issue 7): customs
 * declarations of SELF_EXPORT shipments and one-stop export bills, each converted with the rate in
 * force when it was declared (`bank.fx-rates`). See `totalDeclared` for what a missing rate does.
 */
export async function declaredGoodsValue(em: EntityManager, orderId: string): Promise<DeclaredTotal & { orderNo: string }> {
  const order = await em.findOne(OrderEntity, { id: orderId });
  if (!order) throw new DomainError('FULFILLMENT.UNKNOWN_ORDER', `order ${orderId} not found`, 'not-found');
  const shipments = await em.find(ShipmentEntity, { orderId }, { orderBy: { shipmentNo: 'asc' } });
  const parts: DeclaredPart[] = [];
  const awaiting: string[] = [];
  for (const s of shipments) {
    if (s.declaredValue === null || s.declaredCurrency === null || s.declaredAt === null) {
      awaiting.push(s.shipmentNo);
      continue;
    }
    const rate = s.declaredCurrency === order.currency ? null : await rateInForce(em, s.declaredCurrency, order.currency, s.declaredAt);
    parts.push({
      shipmentNo: s.shipmentNo,
      source: s.exportMethod === 'SELF_EXPORT' ? 'CUSTOMS_DECLARATION' : 'EXPORT_BILL',
      declared: { amount: s.declaredValue, currency: s.declaredCurrency },
      rate: rate ? { rate: rate.rate, validFrom: rate.validFrom, source: rate.source, inverted: rate.inverted } : null,
    });
  }
  return { orderNo: order.orderNo, ...totalDeclared(order.currency, parts, awaiting) };
}
