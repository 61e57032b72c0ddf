import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const average = z.string().regex(/^\d\.\d{2}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const supplierScoreUpdatedV1 = defineEvent({
  type: 'ereceipt.supplier-score.updated.v1',
  topic: outboundTopics.supplierScores,
  aggregate: 'seller',
  description:
    "A supplier's score changed: after an evaluation, or when the daily recompute moved the 180-day window and a value changed (never published when nothing changed). Averages are exact sums divided and rounded to 2 decimals half-even; the positive rate to 4 decimals half-even. `version` grows by one per published change. Key: the seller id.",
  schema: z.object({
    sellerId: z.string().uuid(),
    version: z.number().int().positive(),
    evaluationCount: z.number().int().positive().describe('evaluations over the whole history'),
    averages: z.object({ serviceAttitude: average, deliverySpeed: average, descriptionAccuracy: average, overall: average }).describe('over the whole history'),
    window: z.object({
      days: z.literal(180),
      from: day.describe('first UTC day in the window'),
      asOf: day.describe('last UTC day in the window (today when computed)'),
      evaluations: z.number().int().nonnegative(),
      positive: z.number().int().nonnegative().describe('evaluations with overall >= 4 stars'),
    }),
    positiveRate: z.string().regex(/^[01]\.\d{4}$/).nullable().describe('window.positive / window.evaluations, 4 decimals; null when the window holds no evaluation'),
    reason: z.enum(['EVALUATION', 'WINDOW_MOVED']),
    updatedAt: z.string().datetime(),
  }),
});
