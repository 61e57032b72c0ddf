import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The order as the buyer was told it: what downstream (mail, matching, analytics) needs to act on it. */
const orderSnapshot = z.object({
  orderNo: z.string().regex(/^EO-\d{4}-\d{6,}$/),
  sellerId: z.string().uuid(),
  externalOrderId: z.string().nullable(),
  buyer: z.object({ name: z.string(), email: z.string(), country: z.string().length(2) }),
  currency: z.string().length(3),
  total: amount,
  lines: z.array(z.object({ name: z.string(), sku: z.string().nullable(), hsCode: z.string().nullable(), quantity: z.number().int().positive(), unit: z.string(), unitPrice: amount, lineTotal: amount })),
  milestones: z.array(z.object({ kind: z.enum(['DEPOSIT', 'BALANCE']), amount, dueDate: date, preShipment: z.boolean() })),
  incoterm: z.string(),
  expectedShipDate: date,
  exportMethod: z.enum(['SELF_EXPORT', 'ONE_STOP_EXPORT']),
});

export const orderSubmittedV1 = defineEvent({
  type: 'ereceipt.order.submitted.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description: 'The seller submitted the order: it left DRAFT and the buyer is to be asked to pay. Key: the order number.',
  schema: orderSnapshot.extend({ lifecycleStatus: z.literal('SUBMITTED'), submittedAt: z.string().datetime() }),
});

export const orderCancelledV1 = defineEvent({
  type: 'ereceipt.order.cancelled.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description: 'A submitted order was cancelled before any money arrived (drafts cancelled before submission publish nothing). Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    externalOrderId: z.string().nullable(),
    previousStatus: z.enum(['SUBMITTED', 'CONFIRMED']),
    reason: z.string().nullable(),
    cancelledAt: z.string().datetime(),
  }),
});

export const orderPaymentInfoConfirmedV1 = defineEvent({
  type: 'ereceipt.order.payment-info-confirmed.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description:
    'The buyer opened the signed link from the payment reminder and confirmed the payment information (amounts, collection account, reference). Withdrawals need it. Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    externalOrderId: z.string().nullable(),
    lifecycleStatus: z.literal('CONFIRMED'),
    confirmedAt: z.string().datetime(),
    currency: z.string().length(3),
    total: amount,
    collectionAccount: z.string().describe('the virtual account number the buyer confirmed it will pay into'),
  }),
});
