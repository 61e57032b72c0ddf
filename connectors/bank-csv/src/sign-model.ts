import type { CsvProfile } from './csv-profile.schema';
import { abs, isNegative, isZero, parseDecimal } from './decimal-format';

/**
 * Decides credit or debit and the unsigned amount under the profile's sign model
 * (bank-formats.md §4.2 "Sign models", §5 #58): one signed column, amount + Dr/Cr indicator,
 * or split credit/debit columns. Only credits become remittances; debits are reported as skipped.
 */
export interface AmountCells {
  amount: string | null;
  credit: string | null;
  debit: string | null;
  drcr: string | null;
}

export type SignResult =
  | { kind: 'credit' | 'debit'; amount: string }
  | { kind: 'zero' }
  | { kind: 'error'; code: 'CSV.BAD_AMOUNT' | 'CSV.MISSING_AMOUNT' | 'CSV.BAD_DRCR'; field: string; message: string };

type Sign = CsvProfile['sign'];

export function resolveAmount(cells: AmountCells, sign: Sign, profile: Pick<CsvProfile, 'decimalSeparator' | 'thousandsSeparator'>): SignResult {
  const number = (field: string, text: string | null): SignResult | { value: string } => {
    if (text === null) return { kind: 'error', code: 'CSV.MISSING_AMOUNT', field, message: `${field} is empty` };
    const parsed = parseDecimal(text, profile);
    if (!parsed.ok) return { kind: 'error', code: 'CSV.BAD_AMOUNT', field, message: `${field} "${text}" ${parsed.reason}` };
    return { value: parsed.value };
  };

  switch (sign.model) {
    case 'signed': {
      const n = number('amount', cells.amount);
      if (!('value' in n)) return n;
      if (isZero(n.value)) return { kind: 'zero' };
      return { kind: isNegative(n.value) ? 'debit' : 'credit', amount: abs(n.value) };
    }
    case 'drcr': {
      const n = number('amount', cells.amount);
      if (!('value' in n)) return n;
      if (n.value.startsWith('-') || cells.amount!.startsWith('+')) {
        return { kind: 'error', code: 'CSV.BAD_AMOUNT', field: 'amount', message: `amount "${cells.amount}" carries a sign; the profile takes the direction from the drcr column` };
      }
      const direction = matchIndicator(cells.drcr, sign);
      if (direction === null) {
        const allowed = [...sign.credit, ...sign.debit].map((v) => `"${v}"`).join(', ');
        return { kind: 'error', code: 'CSV.BAD_DRCR', field: 'drcr', message: `drcr "${cells.drcr ?? ''}" is not a credit or debit indicator (${allowed})` };
      }
      return isZero(n.value) ? { kind: 'zero' } : { kind: direction, amount: n.value };
    }
    case 'split':
      return resolveSplit(cells, number);
  }
}

function matchIndicator(value: string | null, sign: Extract<Sign, { model: 'drcr' }>): 'credit' | 'debit' | null {
  if (value === null) return null;
  const v = value.toLowerCase();
  if (sign.credit.some((c) => c.toLowerCase() === v)) return 'credit';
  if (sign.debit.some((d) => d.toLowerCase() === v)) return 'debit';
  return null;
}

/**
 * Split columns: exactly one side carries a non-zero amount. Debit columns are often written
 * negative (German "Soll" exports) and sometimes unsigned, so the debit sign is ignored; a negative
 * credit is refused because it would silently invert a payment.
 */
function resolveSplit(cells: AmountCells, number: (field: string, text: string | null) => SignResult | { value: string }): SignResult {
  const credit = cells.credit === null ? null : number('credit_amount', cells.credit);
  const debit = cells.debit === null ? null : number('debit_amount', cells.debit);
  if (credit && !('value' in credit)) return credit;
  if (debit && !('value' in debit)) return debit;
  const c = credit && 'value' in credit && !isZero(credit.value) ? credit.value : null;
  const d = debit && 'value' in debit && !isZero(debit.value) ? debit.value : null;
  if (c !== null && d !== null) {
    return { kind: 'error', code: 'CSV.BAD_AMOUNT', field: 'credit_amount', message: `both credit_amount "${cells.credit}" and debit_amount "${cells.debit}" are set` };
  }
  if (c !== null) {
    if (isNegative(c)) return { kind: 'error', code: 'CSV.BAD_AMOUNT', field: 'credit_amount', message: `credit_amount "${cells.credit}" is negative` };
    return { kind: 'credit', amount: abs(c) };
  }
  if (d !== null) return { kind: 'debit', amount: abs(d) };
  if (credit === null && debit === null) {
    return { kind: 'error', code: 'CSV.MISSING_AMOUNT', field: 'credit_amount', message: 'both credit_amount and debit_amount are empty' };
  }
  return { kind: 'zero' };
}
