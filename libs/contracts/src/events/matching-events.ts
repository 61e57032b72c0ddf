import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);

const allocation = z.object({ orderNo: z.string(), amount, bankCharges: amount.nullable() });

const decision = z.object({
  outcome: z.enum(['AUTO', 'SUGGEST', 'NONE']),
  reason: z.string().describe('MATCHING.* reason code'),
  flags: z.array(z.string()),
  ruleVersion: z.string(),
});

const remittanceRef = {
  remittanceId: z.string().uuid(),
  sellerId: z.string().uuid().nullable(),
  currency: z.string().length(3),
  amount,
  remittanceStatus: z.enum(['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'ASSOCIATED', 'FOLLOW_UP']),
};

export const remittanceAssociatedV1 = defineEvent({
  type: 'ereceipt.remittance.associated.v1',
  topic: outboundTopics.remittances,
  aggregate: 'remittance',
  description:
    'Money of the remittance was tied to orders (automatically or by hand). `association.status` APPROVED means credited; PROPOSED means it waits for finance (remittance UNDER_REVIEW). Key: the remittance id.',
  schema: z.object({
    ...remittanceRef,
    association: z.object({
      id: z.string().uuid(),
      method: z.enum(['AUTO', 'MANUAL']),
      status: z.enum(['PROPOSED', 'APPROVED']),
      allocations: z.array(allocation),
      actor: z.string(),
      ruleVersion: z.string().nullable(),
    }),
    decision: decision.nullable(),
    associatedAt: z.string().datetime(),
  }),
});

export const remittanceSuggestedV1 = defineEvent({
  type: 'ereceipt.remittance.suggested.v1',
  topic: outboundTopics.remittances,
  aggregate: 'remittance',
  description: 'Matching could not associate safely and ranked candidate orders for a person to pick (the remittance waits in the exception queue). Key: the remittance id.',
  schema: z.object({
    ...remittanceRef,
    decision,
    candidates: z.array(z.object({ orderNo: z.string(), amount, score: z.number().int() })),
    decidedAt: z.string().datetime(),
  }),
});

export const remittanceUnmatchedV1 = defineEvent({
  type: 'ereceipt.remittance.unmatched.v1',
  topic: outboundTopics.remittances,
  aggregate: 'remittance',
  description: 'Matching found no candidate order (unknown virtual account, no open order, nothing fits): the remittance waits in the exception queue. Key: the remittance id.',
  schema: z.object({ ...remittanceRef, decision, decidedAt: z.string().datetime() }),
});

export const remittanceUnboundV1 = defineEvent({
  type: 'ereceipt.remittance.unbound.v1',
  topic: outboundTopics.remittances,
  aggregate: 'remittance',
  description: 'An association was undone (unbound by hand, or rejected by finance): the orders no longer count that money. Key: the remittance id.',
  schema: z.object({
    ...remittanceRef,
    associationId: z.string().uuid(),
    action: z.enum(['UNBIND', 'REJECT']),
    allocations: z.array(allocation),
    actor: z.string(),
    reason: z.string().nullable(),
    unboundAt: z.string().datetime(),
  }),
});
