import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);

const withdrawalRef = {
  instructionId: z.string().uuid().describe('the withdrawal id; the bank answers on bank.transfer-results with it'),
  orderNo: z.string(),
  sellerId: z.string().uuid(),
  currency: z.string().length(3),
  amount,
};

export const withdrawalRequestedV1 = defineEvent({
  type: 'ereceipt.withdrawal.requested.v1',
  topic: outboundTopics.funds,
  aggregate: 'withdrawal',
  description: 'An instruction for the bank connector: pay an order\'s credited funds out to the seller. The funds are WITHDRAWING until the result arrives on bank.transfer-results. Key: the instructionId.',
  schema: z.object({
    ...withdrawalRef,
    trigger: z.enum(['MANUAL', 'AUTO']),
    source: z.object({ currency: z.string().length(3), amount }).describe('the same money in the order currency (what the goods rule counts); equal to amount/currency when nothing was FX-settled'),
    destination: z.object({ sellerId: z.string().uuid(), beneficiaryName: z.string() }),
    requestedBy: z.string(),
    requestedAt: z.string().datetime(),
  }),
});

export const withdrawalCompletedV1 = defineEvent({
  type: 'ereceipt.withdrawal.completed.v1',
  topic: outboundTopics.funds,
  aggregate: 'withdrawal',
  description: 'The bank executed the withdrawal: the funds are WITHDRAWN. Key: the instructionId.',
  schema: z.object({ ...withdrawalRef, bankRef: z.string().nullable(), executedAt: z.string().datetime() }),
});

export const withdrawalFailedV1 = defineEvent({
  type: 'ereceipt.withdrawal.failed.v1',
  topic: outboundTopics.funds,
  aggregate: 'withdrawal',
  description: 'The bank refused or could not execute the withdrawal: the funds are credited (withdrawable) again. Key: the instructionId.',
  schema: z.object({ ...withdrawalRef, reason: z.string().nullable(), bankRef: z.string().nullable(), executedAt: z.string().datetime() }),
});

export const fxSettledV1 = defineEvent({
  type: 'ereceipt.fx.settled.v1',
  topic: outboundTopics.funds,
  aggregate: 'order',
  description: 'Credited foreign-currency funds of an order were converted into the seller\'s settlement currency at the rate in force (rate, its source and validity recorded). Key: the order number.',
  schema: z.object({
    settlementId: z.string().uuid(),
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    source: z.object({ currency: z.string().length(3), amount }),
    target: z.object({ currency: z.string().length(3), amount }),
    rate: z.object({ rate: amount.describe('1 source = rate target, exact decimal'), source: z.string(), validFrom: z.string().datetime(), inverted: z.boolean() }),
    settledAt: z.string().datetime(),
  }),
});

const refundRef = {
  instructionId: z.string().uuid().describe('the refund id; the bank answers on bank.transfer-results with it'),
  orderNo: z.string(),
  sellerId: z.string().uuid(),
  currency: z.string().length(3),
  amount,
};

export const refundRequestedV1 = defineEvent({
  type: 'ereceipt.refund.requested.v1',
  topic: outboundTopics.funds,
  aggregate: 'refund',
  description: 'An instruction for the bank connector: an accepted refund, paid back to the buyer out of the order\'s credited funds. Key: the instructionId.',
  schema: z.object({
    ...refundRef,
    reason: z.string(),
    openedBy: z.enum(['BUYER', 'SELLER']),
    destination: z.object({ name: z.string(), account: z.string().nullable() }).describe('the payer of the order\'s latest associated remittance'),
    acceptedAt: z.string().datetime(),
  }),
});

export const refundCompletedV1 = defineEvent({
  type: 'ereceipt.refund.completed.v1',
  topic: outboundTopics.funds,
  aggregate: 'refund',
  description: 'The bank executed the refund. Key: the instructionId.',
  schema: z.object({ ...refundRef, bankRef: z.string().nullable(), executedAt: z.string().datetime() }),
});

export const refundFailedV1 = defineEvent({
  type: 'ereceipt.refund.failed.v1',
  topic: outboundTopics.funds,
  aggregate: 'refund',
  description: 'The bank could not execute the refund: the money is credited to the order again. Key: the instructionId.',
  schema: z.object({ ...refundRef, reason: z.string().nullable(), bankRef: z.string().nullable(), executedAt: z.string().datetime() }),
});

export const remittanceReturnRequestedV1 = defineEvent({
  type: 'ereceipt.remittance.return-requested.v1',
  topic: outboundTopics.funds,
  aggregate: 'remittance',
  description: 'An instruction for the bank connector: a remittance that could not be associated goes back to its payer, less the return fee (kept as fees). The result comes on bank.transfer-results. Key: the remittance id.',
  schema: z.object({
    instructionId: z.string().uuid(),
    remittanceId: z.string().uuid(),
    sellerId: z.string().uuid(),
    currency: z.string().length(3),
    amount: amount.describe('paid back: the remittance amount less the fee'),
    fee: amount,
    destination: z.object({ name: z.string(), account: z.string().nullable(), bic: z.string().nullable() }),
    requestedBy: z.string(),
    requestedAt: z.string().datetime(),
  }),
});
