import { z } from 'zod';
import { canonicalRemittanceSchema } from '../canonical-remittance';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const provenance = z.object({
  channel: z.enum(['kafka', 'http']),
  inboundMessageId: z.string(),
  topic: z.string().nullable(),
  partition: z.number().int().nullable(),
  offset: z.string().nullable(),
  fileName: z.string().nullable(),
  index: z.number().int(),
  line: z.number().int(),
});

export const remittanceReceivedV1 = defineEvent({
  type: 'ereceipt.remittance.received.v1',
  topic: outboundTopics.remittances,
  aggregate: 'remittance',
  description: 'A bank notification became a stored remittance (once per wire, whatever the channel).',
  schema: canonicalRemittanceSchema.extend({
    id: z.string().uuid(),
    status: z.string(),
    receivedAt: z.string().datetime(),
    provenance,
  }),
});

export * from './matching-events';
export * from './order-paid-event';
