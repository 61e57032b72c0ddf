import { isCurrency, minorDigits } from '@ereceipt/money';
import type { CamtIssueCode } from './issues';
import { attribute, ownText, type XmlNode } from './xml-node';

export interface Money {
  currency: string;
  amount: string;
}

export type AmountRead = { ok: true; money: Money } | { ok: false; code: CamtIssueCode; message: string };

/** xs:decimal as camt allows it: no sign (minInclusive 0, research §2.1), no exponent. */
const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;
/** XSD totalDigits 18 (leading zeros aside). */
const MAX_TOTAL_DIGITS = 18;

/**
 * Reads `<Amt Ccy="EUR">1234.5</Amt>` (ActiveOrHistoricCurrencyAndAmount) into a decimal string
 * with exactly the currency's ISO 4217 minor digits. Extra zero decimals are dropped
 * (`1000.00` JPY → `1000`, the value is unchanged); extra non-zero ones are an issue, never rounded.
 */
export function readAmount(node: XmlNode): AmountRead {
  const value = ownText(node);
  const currency = attribute(node, 'Ccy')?.trim();
  if (value === undefined) return { ok: false, code: 'CAMT.MISSING_AMOUNT', message: 'the amount element is empty' };
  if (!currency) return { ok: false, code: 'CAMT.MISSING_CURRENCY', message: `amount ${value} has no Ccy attribute` };
  if (!isCurrency(currency)) {
    return { ok: false, code: 'CAMT.UNKNOWN_CURRENCY', message: `"${currency}" is not an ISO 4217 currency` };
  }
  if (!UNSIGNED_DECIMAL.test(value)) {
    return { ok: false, code: 'CAMT.BAD_AMOUNT', message: `"${value}" is not an unsigned decimal amount` };
  }
  if (value.replace(/^0+/, '').replace('.', '').length > MAX_TOTAL_DIGITS) {
    return { ok: false, code: 'CAMT.BAD_AMOUNT', message: `"${value}" has more than ${MAX_TOTAL_DIGITS} digits` };
  }
  const digits = minorDigits(currency) ?? 0;
  const decimals = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
  const extra = decimals > digits ? value.slice(value.length - (decimals - digits)) : '';
  if (/[1-9]/.test(extra)) {
    return {
      ok: false,
      code: 'CAMT.TOO_MANY_DECIMALS',
      message: `${value} ${currency} has ${decimals} decimals; ${currency} allows ${digits}`,
    };
  }
  // Safe: the text is a plain decimal and its extra digits are zeros, so toAmount cannot throw.
  return { ok: true, money: { currency, amount: canonical(value, decimals, digits) } };
}

/**
 * The canonical decimal string (`@ereceipt/money` `toAmount` form: no leading zeros, exactly the
 * currency's minor digits) of a checked unsigned decimal whose decimals beyond `digits` are zeros,
 * by string operations (no decimal arithmetic is needed): `000149.8` USD → `149.80`.
 */
function canonical(value: string, decimals: number, digits: number): string {
  const integer = decimals > 0 ? value.slice(0, value.length - decimals - 1) : value;
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start++;
  if (digits === 0) return integer.slice(start);
  const fraction = decimals > 0 ? value.slice(value.length - decimals) : '';
  return `${integer.slice(start)}.${fraction.slice(0, digits).padEnd(digits, '0')}`;
}
