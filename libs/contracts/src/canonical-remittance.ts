import { z } from 'zod';

/** CONTRACT.md "Canonical remittance": the output of every bank connector. */
const amount = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string with the currency minor digits');
const currencyCode = z.string().regex(/^[A-Z]{3}$/);
const money = z.object({ currency: currencyCode, amount });

export const remittanceSources = ['mt103', 'mt910', 'camt054', 'camt053', 'csv'] as const;
export type RemittanceSource = (typeof remittanceSources)[number];

export const canonicalRemittanceSchema = z.object({
  source: z.enum(remittanceSources),
  messageRef: z.string().min(1),
  uetr: z.string().uuid().nullable(),
  endToEndId: z.string().nullable(),
  senderBic: z.string().nullable(),
  valueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  currency: currencyCode,
  amount,
  instructedAmount: money.nullable(),
  chargeBearer: z.enum(['OUR', 'SHA', 'BEN']).nullable(),
  chargesDeducted: z.array(money),
  payer: z.object({
    name: z.string().nullable(),
    account: z.string().nullable(),
    address: z.array(z.string()),
    bic: z.string().nullable(),
  }),
  beneficiary: z.object({ name: z.string().nullable(), account: z.string().nullable() }),
  remittanceInfo: z.string().nullable(),
  references: z.array(z.string()),
  /** Extension: MT910 field 21, camt `AcctSvcrRef`, or another reference tying it to a related message. */
  relatedReference: z.string().nullable(),
  /** Extension: PDE/PDM trailer, camt `CpyDplctInd`: the sender says this may repeat an earlier message. */
  possibleDuplicate: z.boolean(),
});

export type CanonicalRemittance = z.infer<typeof canonicalRemittanceSchema>;
