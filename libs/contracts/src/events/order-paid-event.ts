import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);

export const orderPaidV1 = defineEvent({
  type: 'ereceipt.order.paid.v1',
  topic: outboundTopics.orders,
  aggregate: 'order',
  description: 'Every milestone of the order is settled by associated money (bank charges within tolerance count as paid). Key: the order number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    currency: z.string().length(3),
    total: amount,
    paidAmount: amount.describe('money associated to the order; above the total is a credit'),
    milestones: z.array(z.object({ kind: z.enum(['DEPOSIT', 'BALANCE']), amount, paidAmount: amount })),
    paidAt: z.string().datetime(),
  }),
});
