import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const stars = z.number().int().min(1).max(5);
/** A decimal string with exactly two decimals, e.g. "4.33" (ROUND_HALF_EVEN, libs/evaluations/README.md). */
const average = z.string().regex(/^\d\.\d{2}$/);

export const evaluationSubmittedV1 = defineEvent({
  type: 'ereceipt.evaluation.submitted.v1',
  topic: outboundTopics.evaluations,
  aggregate: 'evaluation',
  description:
    'The buyer evaluated a completed order through the signed link of an evaluation invitation (one evaluation per order, within 30 days of completion). Key: the evaluation id.',
  schema: z.object({
    evaluationId: z.string().uuid(),
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    ratings: z.object({ serviceAttitude: stars, deliverySpeed: stars, descriptionAccuracy: stars }),
    overall: average.describe('the mean of the three ratings, 2 decimals'),
    positive: z.boolean().describe('overall >= 4 stars'),
    comment: z.string().nullable().describe('as the buyer wrote it: escape it before showing it'),
    completedAt: z.string().datetime(),
    submittedAt: z.string().datetime(),
  }),
});

export const evaluationRepliedV1 = defineEvent({
  type: 'ereceipt.evaluation.replied.v1',
  topic: outboundTopics.evaluations,
  aggregate: 'evaluation',
  description: 'The seller replied to an evaluation (once). Key: the evaluation id.',
  schema: z.object({
    evaluationId: z.string().uuid(),
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    reply: z.string().describe('as the seller wrote it: escape it before showing it'),
    repliedAt: z.string().datetime(),
  }),
});
