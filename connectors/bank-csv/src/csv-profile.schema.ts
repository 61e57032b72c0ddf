import { z } from 'zod';
import { isCurrency } from '@ereceipt/money';
import { isValidDateFormat } from './date-format';

/**
 * A bank CSV profile is data (bank-formats.md §0.10, §4.3): one JSON file per bank layout in
 * `profiles/`, validated here so a typo in a profile fails with the path of the bad setting rather
 * than as wrong amounts at run time.
 */

/** Canonical fields a profile may map to a column header. `remittance_info` may join several columns. */
export const columnFields = [
  'value_date', 'currency', 'amount', 'credit_amount', 'debit_amount', 'drcr',
  'payer_name', 'payer_account', 'beneficiary_name', 'beneficiary_account',
  'reference', 'transaction_id', 'end_to_end_id', 'remittance_info',
  'uetr', 'charge_bearer', 'instructed_amount', 'instructed_currency',
] as const;
export type ColumnField = (typeof columnFields)[number];

const header = z.string().trim().min(1, 'a column header name').optional();
const columns = z
  .object({
    ...(Object.fromEntries(columnFields.map((f) => [f, header])) as Record<ColumnField, typeof header>),
    remittance_info: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]).optional(),
  })
  .strict();

const oneChar = (what: string) => z.string().length(1, `${what} must be exactly one character`);
const indicatorValues = z.array(z.string().trim().min(1)).min(1);

const signModel = z.discriminatedUnion('model', [
  /** One column, credits positive, debits negative. */
  z.object({ model: z.literal('signed') }).strict(),
  /** Unsigned amount plus a debit/credit indicator column (`借`/`贷`, `D`/`C`), matched case-insensitively. */
  z.object({ model: z.literal('drcr'), credit: indicatorValues, debit: indicatorValues }).strict(),
  /** Separate credit (Haben, 收入) and debit (Soll, 支出) columns; one of them is empty per row. */
  z.object({ model: z.literal('split') }).strict(),
]);

export const csvProfileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case, e.g. "cn-corporate-gbk"'),
    description: z.string().default(''),
    /** Provenance label (bank and export channel); canonical `source` stays `csv`. */
    source: z.string().min(1),
    encoding: z.enum(['utf-8', 'gbk', 'gb18030']),
    delimiter: oneChar('delimiter'),
    quote: oneChar('quote'),
    /** Physical lines (title, account number, period, blank) before the header row. */
    skipLines: z.number().int().min(0).max(100).default(0),
    footer: z
      .object({
        /** Last N non-blank records are footer (totals, disclaimers). */
        lines: z.number().int().min(0).max(50).default(0),
        /** A record whose raw text matches this pattern is a footer line, wherever it appears. */
        pattern: z.string().nullable().default(null),
      })
      .strict()
      .default({ lines: 0, pattern: null }),
    columns,
    dateFormats: z.array(z.string().refine(isValidDateFormat, 'a date format uses YYYY, MM and DD once each, e.g. "DD.MM.YYYY"')).min(1),
    decimalSeparator: z.enum(['.', ',']),
    thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]),
    sign: signModel,
    /** Cell values meaning "empty" (`-`, `---`, `N/A`), compared after trimming. */
    emptyValues: z.array(z.string()).default([]),
    defaultCurrency: z.string().nullable().default(null),
    /** Localised currency names to ISO 4217 (`人民币` -> `CNY`). */
    currencyAliases: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    const need = (field: ColumnField, why: string) => {
      if (!p.columns[field]) ctx.addIssue({ code: 'custom', path: ['columns', field], message: `required ${why}` });
    };
    need('value_date', 'by every profile');
    if (p.sign.model === 'split') {
      need('credit_amount', 'for sign model "split"');
      need('debit_amount', 'for sign model "split"');
    } else need('amount', `for sign model "${p.sign.model}"`);
    if (p.sign.model === 'drcr') need('drcr', 'for sign model "drcr"');
    if (!p.columns.currency && !p.defaultCurrency) {
      ctx.addIssue({ code: 'custom', path: ['defaultCurrency'], message: 'required when columns.currency is not mapped' });
    }
    if (p.defaultCurrency !== null && !isCurrency(p.defaultCurrency)) {
      ctx.addIssue({ code: 'custom', path: ['defaultCurrency'], message: `"${p.defaultCurrency}" is not an ISO 4217 currency` });
    }
    for (const [alias, code] of Object.entries(p.currencyAliases)) {
      if (!isCurrency(code)) ctx.addIssue({ code: 'custom', path: ['currencyAliases', alias], message: `"${code}" is not an ISO 4217 currency` });
    }
    if (p.decimalSeparator === p.thousandsSeparator) {
      ctx.addIssue({ code: 'custom', path: ['thousandsSeparator'], message: 'must differ from decimalSeparator' });
    }
    if (p.delimiter === p.quote) ctx.addIssue({ code: 'custom', path: ['quote'], message: 'must differ from delimiter' });
    if (p.footer.pattern !== null && compiles(p.footer.pattern) !== null) {
      ctx.addIssue({ code: 'custom', path: ['footer', 'pattern'], message: `not a valid regular expression: ${compiles(p.footer.pattern)}` });
    }
  });

function compiles(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export type CsvProfile = z.infer<typeof csvProfileSchema>;
