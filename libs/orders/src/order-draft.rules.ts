import { DomainError } from '@ereceipt/contracts';
import { addAmounts, compareAmounts, dec, decimalsWritten, formatAmount, isBoundedAmount, MAX_WHOLE_DIGITS, minorDigits, wholeDigits } from '@ereceipt/money';
import { type FieldIssue, isCountryCode, isEmail, isIsoDate, type OrderDraft, type OrderInput } from './order-input.rules';
import { exportMethods, incoterms, milestoneKinds } from './order-status.rules';

const PLAIN = /^\d+(\.\d+)?$/;

/** A positive decimal string with at most `digits` decimals written; else why not. */
function amountProblem(value: unknown, currency: string, digits: number | undefined): string | null {
  if (typeof value !== 'string' || !PLAIN.test(value)) return 'must be a positive decimal string such as "12.40"';
  if (wholeDigits(value) > MAX_WHOLE_DIGITS) return `must have at most ${MAX_WHOLE_DIGITS} digits before the decimal point`;
  if (!isBoundedAmount(value.replace(/^0+(?=\d)/, ''))) return `has more decimals than ${currency} allows (${digits ?? '?'})`;
  if (compareAmounts(value, '0') <= 0) return 'must be greater than zero';
  if (digits !== undefined && decimalsWritten(value) > digits && !dec(value).equals(dec(value).toDecimalPlaces(digits))) {
    return `has more decimals than ${currency} allows (${digits})`;
  }
  return null;
}

/**
 * The drafting invariants (docs/domain.md §2). Unit prices are held to the currency's minor digits, so
 * every line total (quantity x unit price) and the order total are exact, with no rounding; the
 * milestones must add up to the total exactly. Every problem is reported with its field path
 * (`lines[1].unitPrice`, 0-based indexes); the first one is the message.
 */
export function validateOrder(input: OrderInput): OrderDraft {
  const issues: FieldIssue[] = [];
  const bad = (field: string, message: string) => issues.push({ field, message });
  const digits = minorDigits(input.currency);
  if (digits === undefined) bad('currency', 'must be an ISO 4217 currency code such as USD');
  if (!input.buyer?.name?.trim()) bad('buyer.name', 'must not be empty');
  if (!isEmail(input.buyer?.email)) bad('buyer.email', 'must be an e-mail address');
  if (!isCountryCode(input.buyer?.country)) bad('buyer.country', 'must be an ISO 3166-1 alpha-2 country code such as US');
  if (!incoterms.includes(input.incoterm)) bad('incoterm', `must be one of the Incoterms 2020: ${incoterms.join(', ')}`);
  if (!exportMethods.includes(input.exportMethod)) bad('exportMethod', `must be one of ${exportMethods.join(', ')}`);
  if (!isIsoDate(input.expectedShipDate)) bad('expectedShipDate', 'must be a date YYYY-MM-DD');
  if (!Array.isArray(input.lines) || input.lines.length === 0) bad('lines', 'must have at least one line');
  if (!Array.isArray(input.milestones) || input.milestones.length === 0) bad('milestones', 'must have at least one payment milestone');
  const lines = (input.lines ?? []).map((line, i) => {
    if (!line.name?.trim()) bad(`lines[${i}].name`, 'must not be empty');
    if (!line.unit?.trim()) bad(`lines[${i}].unit`, 'must not be empty');
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) bad(`lines[${i}].quantity`, 'must be a positive whole number');
    const priceProblem = amountProblem(line.unitPrice, input.currency, digits);
    if (priceProblem) bad(`lines[${i}].unitPrice`, priceProblem);
    const ok = digits !== undefined && !priceProblem && Number.isSafeInteger(line.quantity);
    return {
      name: line.name,
      sku: line.sku ?? null,
      hsCode: line.hsCode ?? null,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: ok ? formatAmount(dec(line.unitPrice), input.currency) : line.unitPrice,
      lineTotal: ok ? formatAmount(dec(line.unitPrice).times(line.quantity), input.currency) : '0',
    };
  });
  const milestones = (input.milestones ?? []).map((m, i) => {
    if (!milestoneKinds.includes(m.kind)) bad(`milestones[${i}].kind`, `must be one of ${milestoneKinds.join(', ')}`);
    if (!isIsoDate(m.dueDate)) bad(`milestones[${i}].dueDate`, 'must be a date YYYY-MM-DD');
    if (typeof m.preShipment !== 'boolean') bad(`milestones[${i}].preShipment`, 'must be true or false');
    const problem = amountProblem(m.amount, input.currency, digits);
    if (problem) bad(`milestones[${i}].amount`, problem);
    return { kind: m.kind, amount: digits !== undefined && !problem ? formatAmount(dec(m.amount), input.currency) : m.amount, dueDate: m.dueDate, preShipment: m.preShipment };
  });
  if (issues.length > 0) throw invalid(issues);
  const total = addAmounts(input.currency, ...lines.map((l) => l.lineTotal));
  if (wholeDigits(total) > MAX_WHOLE_DIGITS) throw invalid([{ field: 'lines', message: `the order total ${total} ${input.currency} has more than ${MAX_WHOLE_DIGITS} digits before the decimal point` }]);
  const scheduled = addAmounts(input.currency, ...milestones.map((m) => m.amount));
  if (compareAmounts(scheduled, total) !== 0) throw invalid([{ field: 'milestones', message: `must add up to the order total ${total} ${input.currency} (they add up to ${scheduled})` }]);
  const { externalOrderId, buyer, currency, incoterm, expectedShipDate, exportMethod } = input;
  return { externalOrderId: externalOrderId ?? null, buyer: { name: buyer.name, email: buyer.email, country: buyer.country }, currency, lines, milestones, total, incoterm, expectedShipDate, exportMethod };
}

export function invalid(issues: FieldIssue[]): DomainError<'ORDERS.INVALID'> {
  return new DomainError('ORDERS.INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), 'invalid', { issues });
}
