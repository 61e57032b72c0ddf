import { createHash } from 'node:crypto';
import { canonicalRemittanceSchema, type CanonicalRemittance, type Irregularity } from '@ereceipt/contracts';
import type { ColumnField, CsvProfile } from './csv-profile.schema';
import type { CsvRecord } from './csv-records';
import { issueEvent, type CsvEvent, type CsvIssueCode } from './csv-issues';
import type { ColumnIndex } from './header';
import { cellValue, stripTextMarker } from './cells';
import { parseDate } from './date-format';
import { resolveAmount } from './sign-model';
import { parseCurrency, parseInstructedAmount, toCurrencyAmount } from './row-money';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CHARGE_BEARERS = new Set(['OUR', 'SHA', 'BEN']);

export interface RowContext {
  profile: CsvProfile;
  columns: ColumnIndex;
  headerWidth: number;
  emptyValues: ReadonlySet<string>;
}

/**
 * One data row to events: a remittance, a skipped debit or zero row, or every issue the row has
 * (all of them, so a bank can fix a file in one pass). A rejected row never stops the others.
 */
export function mapRow(record: CsvRecord, index: number, ctx: RowContext): CsvEvent[] {
  const { profile, columns } = ctx;
  const at = (field: string | null) => ({ line: record.line, field, index });
  const issues: CsvEvent[] = [];
  const fail = (code: CsvIssueCode, field: string | null, message: string) => issues.push(issueEvent(code, message, at(field)));
  // Irregular (issue 21): a column beside the booked amount, date and currency is unreadable; the
  // row is kept with that value left out, flagged, and sent to review instead of an AUTO.
  const irregularities: Irregularity[] = [];
  const flag = (code: CsvIssueCode, field: string | null, message: string) => void irregularities.push({ code, field, message: `${message}; left out` });

  const ragged = checkWidth(record.fields, ctx.headerWidth);
  if (ragged) return [issueEvent('CSV.RAGGED_ROW', ragged, at(null))];
  if (record.raw.includes('\ufffd')) {
    return [issueEvent('CSV.BAD_ENCODING', `row has bytes that are not valid ${profile.encoding} (decoded as U+FFFD)`, at(null))];
  }
  const get = (field: Exclude<ColumnField, 'remittance_info'>): string | null => {
    const i = columns[field];
    return i === undefined ? null : cellValue(record.fields[i], ctx.emptyValues);
  };

  const sign = resolveAmount(
    { amount: stripTextMarker(get('amount')), credit: stripTextMarker(get('credit_amount')), debit: stripTextMarker(get('debit_amount')), drcr: get('drcr') },
    profile.sign,
    profile,
  );
  if (sign.kind === 'debit') return [{ type: 'skipped', skipped: { reason: `debit of ${sign.amount}, not a remittance`, line: record.line, index } }];
  if (sign.kind === 'zero') return [{ type: 'skipped', skipped: { reason: 'zero amount, not a remittance', line: record.line, index } }];
  if (sign.kind === 'error') fail(sign.code, sign.field, sign.message);

  const dateText = stripTextMarker(get('value_date'));
  const date = dateText === null ? null : parseDate(dateText, profile.dateFormats);
  if (dateText === null) fail('CSV.MISSING_DATE', 'value_date', 'value_date is empty');
  else if (date && !date.ok) fail('CSV.BAD_DATE', 'value_date', `value_date "${dateText}" ${date.reason}`);

  const currency = parseCurrency(get('currency'), profile, 'currency', fail);
  const amount = sign.kind === 'credit' && currency ? toCurrencyAmount(sign.amount, currency, 'amount', fail) : null;
  const instructedAmount = instructed(get('instructed_amount'), get('instructed_currency'), currency, ctx, flag);

  let uetrText = get('uetr')?.toLowerCase() ?? null;
  if (uetrText !== null && !UUID.test(uetrText)) {
    flag('CSV.BAD_UETR', 'uetr', `uetr "${get('uetr')}" is not a UUID`);
    uetrText = null;
  }
  let bearerText = get('charge_bearer')?.toUpperCase() ?? null;
  if (bearerText !== null && !CHARGE_BEARERS.has(bearerText)) {
    flag('CSV.BAD_CHARGE_BEARER', 'charge_bearer', `charge_bearer "${get('charge_bearer')}" is not OUR, SHA or BEN`);
    bearerText = null;
  }
  if (issues.length || !date?.ok || !currency || amount === null) return issues;

  const remittance: CanonicalRemittance = {
    source: 'csv',
    messageRef: get('transaction_id') ?? fallbackRef(profile.name, index, record.raw),
    uetr: uetrText,
    endToEndId: endToEnd(get('end_to_end_id')),
    senderBic: null,
    valueDate: date.value,
    currency,
    amount,
    instructedAmount,
    chargeBearer: bearerText as CanonicalRemittance['chargeBearer'],
    chargesDeducted: [],
    payer: { name: get('payer_name'), account: stripTextMarker(get('payer_account')), address: [], bic: null },
    beneficiary: { name: get('beneficiary_name'), account: stripTextMarker(get('beneficiary_account')) },
    remittanceInfo: remittanceInfo(record, ctx),
    references: [...new Set((get('reference') ?? '').split(/[;\s]+/).filter(Boolean))],
    relatedReference: null,
    possibleDuplicate: false,
    irregularities,
  };
  // Belt and braces: the contract schema is the last word on what leaves the connector.
  const checked = canonicalRemittanceSchema.safeParse(remittance);
  if (!checked.success) {
    const why = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return [issueEvent('CSV.INVALID_RECORD', `row does not make a valid canonical remittance: ${why}`, at(null))];
  }
  return [{ type: 'remittance', remittance: checked.data, location: { index, line: record.line, raw: record.raw } }];
}

/** Fewer cells than the header, or extra non-empty cells, mean the columns are shifted: refuse rather than misread. */
function checkWidth(fields: readonly string[], width: number): string | null {
  if (fields.length < width) return `row has ${fields.length} fields, the header has ${width}`;
  if (fields.slice(width).some((f) => f.trim() !== '')) return `row has ${fields.length} fields, the header has ${width} (unquoted delimiter in a value?)`;
  return null;
}

/**
 * Without a bank transaction id the row needs a stable key: `<profile>:<row index>:<sha256 of the
 * raw row, 16 hex>`. The index keeps two identical rows (two equal payments on one day) apart; the
 * hash changes if the row's content changes. Re-exports with a different date range shift the
 * index, so downstream dedupe must not rely on this alone (bank-formats.md §5 #65).
 */
export function fallbackRef(profile: string, index: number, raw: string): string {
  return `${profile}:${index}:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

/** SEPA's `NOTPROVIDED` is a placeholder, not a usable key (bank-formats.md §5 #48). */
function endToEnd(value: string | null): string | null {
  return value === null || value.toUpperCase() === 'NOTPROVIDED' ? null : value;
}

/** Remittance lines as sent, joined with `\n` (docs/contract.md); several mapped columns join the same way. */
function remittanceInfo(record: CsvRecord, ctx: RowContext): string | null {
  const parts = (ctx.columns.remittance_info ?? []).map((i) => cellValue(record.fields[i], ctx.emptyValues)).filter((v) => v !== null);
  return parts.length ? parts.join('\n') : null;
}

function instructed(text: string | null, currencyText: string | null, rowCurrency: string | null, ctx: RowContext, fail: Fail): CanonicalRemittance['instructedAmount'] {
  const value = stripTextMarker(text);
  if (value === null) return null;
  const currency = currencyText === null ? rowCurrency : parseCurrency(currencyText, ctx.profile, 'instructed_currency', fail);
  if (!currency) return null;
  const amount = parseInstructedAmount(value, currency, ctx.profile, fail);
  return amount === null ? null : { currency, amount };
}

type Fail = (code: CsvIssueCode, field: string, message: string) => void;
