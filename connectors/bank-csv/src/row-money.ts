import { isCurrency, MoneyError, toAmount } from '@ereceipt/money';
import type { CsvProfile } from './csv-profile.schema';
import type { CsvIssueCode } from './csv-issues';
import { parseDecimal } from './decimal-format';

type Fail = (code: CsvIssueCode, field: string, message: string) => void;

/**
 * Currency cell to ISO 4217: the profile's aliases first (`人民币` -> `CNY`, bank-formats.md §5 #62),
 * then upper-cased; an empty cell falls back to the profile's default currency.
 */
export function parseCurrency(text: string | null, profile: CsvProfile, field: string, fail: Fail): string | null {
  if (text === null) {
    if (profile.defaultCurrency) return profile.defaultCurrency;
    fail('CSV.MISSING_CURRENCY', field, `${field} is empty and profile "${profile.name}" has no default currency`);
    return null;
  }
  // Own keys only: a cell such as "valueOf" must not find Object.prototype members (found by fuzzing).
  const alias = Object.hasOwn(profile.currencyAliases, text) ? profile.currencyAliases[text] : undefined;
  const code = (alias ?? text).toUpperCase();
  if (isCurrency(code)) return code;
  fail('CSV.BAD_CURRENCY', field, `${field} "${text}" is not an ISO 4217 currency`);
  return null;
}

/** A plain decimal to exactly the currency's minor digits; extra precision is refused, never rounded. */
export function toCurrencyAmount(plain: string, currency: string, field: string, fail: Fail): string | null {
  try {
    return toAmount(plain, currency);
  } catch (err) {
    if (err instanceof MoneyError && err.code === 'MONEY.TOO_MANY_DECIMALS') {
      fail('CSV.TOO_MANY_DECIMALS', field, `${field} ${plain} has more decimals than ${currency} allows`);
    } else {
      fail('CSV.BAD_AMOUNT', field, `${field} ${plain}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return null;
  }
}

/** The payer's instructed amount (MT103 33B counterpart): a non-negative number in the profile's notation. */
export function parseInstructedAmount(text: string, currency: string, profile: CsvProfile, fail: Fail): string | null {
  const parsed = parseDecimal(text, profile);
  if (!parsed.ok) {
    fail('CSV.BAD_AMOUNT', 'instructed_amount', `instructed_amount "${text}" ${parsed.reason}`);
    return null;
  }
  if (parsed.value.startsWith('-')) {
    fail('CSV.BAD_AMOUNT', 'instructed_amount', `instructed_amount "${text}" is negative`);
    return null;
  }
  return toCurrencyAmount(parsed.value, currency, 'instructed_amount', fail);
}
