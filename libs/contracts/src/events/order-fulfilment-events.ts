import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const orderShippedV1 = defineEvent({
  type: 'ereceipt.order.shipped.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description: 'Every ordered quantity is in a shipment (fulfilment SHIPPED). Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    externalOrderId: z.string().nullable(),
    shipments: z.array(z.string()).describe('the shipment numbers'),
    shippedAt: z.string().datetime(),
  }),
});

export const orderShipDateMissedV1 = defineEvent({
  type: 'ereceipt.order.ship-date-missed.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description:
    'The expected ship date passed (UTC) with no logistics information for the order: it is flagged and its crediting is held until logistics information arrives. Published once per order. Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    expectedShipDate: date,
    flaggedAt: z.string().datetime(),
    holdsCrediting: z.literal(true),
  }),
});

export const orderCompletedV1 = defineEvent({
  type: 'ereceipt.order.completed.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description: 'The order completed: fully paid and delivered, or fully paid and shipped with the buyer confirming receipt on the signed page. Opens the 30-day evaluation window. Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    externalOrderId: z.string().nullable(),
    reason: z.enum(['PAID_AND_DELIVERED', 'RECEIPT_CONFIRMED']),
    currency: z.string().length(3),
    total: amount,
    paidAmount: amount,
    completedAt: z.string().datetime(),
  }),
});
