import { z } from 'zod';

/** docs/contract.md "Canonical remittance": the output of every bank connector. */
const amount = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string with the currency minor digits');
const currencyCode = z.string().regex(/^[A-Z]{3}$/);
const money = z.object({ currency: currencyCode, amount });

export const remittanceSources = ['mt103', 'mt910', 'camt054', 'camt053', 'csv'] as const;
export type RemittanceSource = (typeof remittanceSources)[number];

/**
 * A network or format rule the sender broke that does not change who paid how much to whom
 * (issue 21): the wire is booked money, so it is kept, flagged, and never matched automatically.
 */
export const irregularitySchema = z.object({
  /** Stable rule code, e.g. `MT103.E13`, `MT103.LINE_TOO_LONG`, `CAMT.TX_SUM_MISMATCH`, `CSV.BAD_REFERENCE`. */
  code: z.string().min(1),
  /** The field, tag or column, e.g. `:71F:`. */
  field: z.string().nullable(),
  message: z.string(),
});
export type Irregularity = z.infer<typeof irregularitySchema>;

/** MT103 50F line 1 `CODE/CC/identifier` (ARNU, CCPT, CUST, DRLC, EMPL, NIDN, SOSE, TXID). */
export const partyIdentifierSchema = z.object({ code: z.string(), country: z.string(), id: z.string() });
export type PartyIdentifier = z.infer<typeof partyIdentifierSchema>;

/** A structured reference with its code: MT103 :70: `/INV/`, `/RFB/`, `/ROC/`, ...; camt `Strd` (`SCOR`). */
export const typedReferenceSchema = z.object({ code: z.string(), value: z.string() });
export type TypedReference = z.infer<typeof typedReferenceSchema>;

/** The banks along the chain (BIC when given as one): MT103 52a, 56a, 57a; camt `DbtrAgt`, `IntrmyAgt1`, `CdtrAgt`. */
export const agentsSchema = z.object({
  ordering: z.string().nullable(),
  intermediary: z.string().nullable(),
  accountWith: z.string().nullable(),
});
export type Agents = z.infer<typeof agentsSchema>;

export const NO_AGENTS: Agents = { ordering: null, intermediary: null, accountWith: null };

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
    /** Extension: MT103 50F party identifier when given instead of (or beside) an account; matching uses it like an account. */
    identifier: partyIdentifierSchema.nullable().default(null),
  }),
  beneficiary: z.object({ name: z.string().nullable(), account: z.string().nullable() }),
  remittanceInfo: z.string().nullable(),
  references: z.array(z.string()),
  /** Extension: MT910 field 21, camt `AcctSvcrRef`, or another reference tying it to a related message. */
  relatedReference: z.string().nullable(),
  /** Extension: PDE/PDM trailer, camt `CpyDplctInd`: the sender says this may repeat an earlier message. */
  possibleDuplicate: z.boolean(),
  /** Extension: every structured reference with its code (the `references` list keeps their values). */
  typedReferences: z.array(typedReferenceSchema).default([]),
  /** Extension: banks of the chain (BICs). */
  agents: agentsSchema.default(NO_AGENTS),
  /** Extension: MT103 :72: codes (`/ACC/...`, `/INS/...`), `//` continuations joined. */
  instructions: z.array(typedReferenceSchema).default([]),
  /** Extension: rules broken that do not change who paid how much to whom; non-empty means review, never AUTO. */
  irregularities: z.array(irregularitySchema).default([]),
});

/**
 * The input side of the schema: the extension fields with a default (`payer.identifier`,
 * `typedReferences`, `agents`, `instructions`, `irregularities`) may be absent in records built
 * before they existed; `canonicalRemittanceSchema.parse` fills them in. Read them with `?? []` / `?? null`.
 */
export type CanonicalRemittance = z.input<typeof canonicalRemittanceSchema>;
/** A parsed record: every extension field present. */
export type CompleteRemittance = z.output<typeof canonicalRemittanceSchema>;
