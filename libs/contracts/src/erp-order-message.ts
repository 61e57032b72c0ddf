import { z } from 'zod';

/**
 * The `erp.orders` message as it travels (docs/contract.md "An `erp.orders` message"), in its JSON form;
 * the XML form (`content-type: application/xml`) carries the same names as elements under
 * `<erpOrder>`. This is the wire shape only: the order's business rules (positive amounts, the
 * currency's minor digits, sums, dates, codes) are the orders module's, exactly as for `POST /orders`.
 */
const MAX_VERSION = 9223372036854775807n; // a PostgreSQL bigint
const VERSION_RULE = 'a whole number 0..9223372036854775807 (a string of digits above 2^53)';

function isVersion(v: unknown): boolean {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0;
  return typeof v === 'string' && /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_VERSION;
}

const decimal = z
  .string({ error: 'must be a decimal string such as "12.40" (amounts are never JSON numbers)' })
  .regex(/^\d+(\.\d+)?$/, { error: 'must be a positive decimal string such as "12.40"' });
const text = (max: number) => z.string({ error: 'must be a string' }).max(max, { error: `must be at most ${max} characters` });

export const erpOrderLineSchema = z.object({
  name: text(300),
  sku: text(100).nullable().optional(),
  hsCode: text(20).nullable().optional(),
  quantity: z.number({ error: 'must be a positive whole number' }).int({ error: 'must be a positive whole number' }).positive({ error: 'must be a positive whole number' }),
  unit: text(20),
  unitPrice: decimal,
});

export const erpOrderMilestoneSchema = z.object({
  kind: text(20).describe('DEPOSIT or BALANCE'),
  amount: decimal,
  dueDate: text(10).describe('YYYY-MM-DD'),
  preShipment: z.boolean({ error: 'must be true or false' }),
});

/** The `order` of a message: the same fields as the body of `POST /orders`. */
export const erpOrderSchema = z.object({
  buyer: z.object({ name: text(200), email: text(254), country: text(2).describe('ISO 3166-1 alpha-2') }, { error: 'must be an object with name, email and country' }),
  currency: text(3).describe('ISO 4217'),
  lines: z.array(erpOrderLineSchema, { error: 'must be a list of lines' }).min(1, { error: 'must have at least one line' }),
  milestones: z.array(erpOrderMilestoneSchema, { error: 'must be a list of payment milestones' }).min(1, { error: 'must have at least one payment milestone' }),
  incoterm: text(3).describe('Incoterms 2020, e.g. FOB'),
  expectedShipDate: text(10).describe('YYYY-MM-DD'),
  exportMethod: text(20).describe('SELF_EXPORT or ONE_STOP_EXPORT'),
}, { error: 'must be an object' });

export const erpOrderActions = ['UPSERT', 'CANCEL'] as const;
export type ErpOrderAction = (typeof erpOrderActions)[number];

export const erpOrderMessageSchema = z
  .object({
    sellerId: z.string({ error: 'must be a string' }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'must be the seller id the hub gave (a UUID)' }),
    externalOrderId: text(100).min(1, { error: 'must not be empty' }).describe('the seller\'s own id for the order; unique per seller'),
    version: z
      .union([z.number(), z.string()], { error: `must be ${VERSION_RULE}` })
      .refine(isVersion, { error: `must be ${VERSION_RULE}` })
      .describe(`the ERP's version or timestamp of the order: ${VERSION_RULE}; a version not above the last applied one is ignored (and recorded)`),
    action: z.enum(erpOrderActions, { error: 'must be UPSERT or CANCEL' }),
    submit: z.boolean({ error: 'must be true or false' }).optional().describe('UPSERT only: also submit the order if it is still a DRAFT'),
    reason: text(1000).optional().describe('CANCEL only: why (kept on the order)'),
    order: erpOrderSchema.optional().describe('required for UPSERT; ignored for CANCEL'),
  }, { error: 'must be an object' })
  .describe('An ERP order feed message, key `sellerId:externalOrderId`. This is the JSON form; with `content-type: application/xml` the same names are elements under `<erpOrder>` (repeated `<line>` and `<milestone>`, optionally wrapped in `<lines>` / `<milestones>`).');

export type ErpOrderMessageInput = z.input<typeof erpOrderMessageSchema>;
