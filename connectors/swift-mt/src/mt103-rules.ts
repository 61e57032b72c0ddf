import { minorDigits } from '@ereceipt/money';
import type { Field } from './block4-fields';
import type { FieldContext } from './field-context';
import type { ChargeBearer } from './field-formats';
import { fromMinor, minorUnits } from './swift-amount';

/**
 * MT103 network validated rules a beneficiary cares about (SWIFT UHB MT103 "Network Validated
 * Rules"; codes as in research §1.4). None of them changes who paid how much to whom: 32A is what
 * the banks settled. A message breaking one is irregular (issue 21): kept, flagged with the rule
 * code, and sent to review instead of an automatic association.
 */
export interface Money {
  currency: string;
  amount: string;
}

export interface Mt103Amounts {
  settled: Money;
  instructed: Money | null;
  rate: string | null;
  chargeBearer: ChargeBearer;
  senderCharges: Money[];
  receiverCharges: Money | null;
}

export function checkNetworkRules(a: Mt103Amounts, byId: Map<string, Field[]>, ctx: FieldContext): void {
  const present = (id: string): boolean => byId.has(id);
  const report = (rule: string, field: string, message: string): void => {
    ctx.sink.flag(`MT103.${rule}`, `${message} (rule ${rule})`, field);
  };
  const { settled, instructed } = a;
  if (instructed && instructed.currency !== settled.currency && a.rate === null) {
    report('D75', ':36:', `:33B: is in ${instructed.currency} and :32A: in ${settled.currency}, so the exchange rate :36: is mandatory`);
  }
  if (a.rate !== null && (!instructed || instructed.currency === settled.currency)) {
    report('D75', ':36:', `:36: exchange rate ${a.rate} is not allowed when :33B: is absent or in the :32A: currency ${settled.currency}`);
  }
  if (a.chargeBearer === 'OUR' && a.senderCharges.length > 0) report('E13', ':71F:', ':71A:OUR (all charges paid by the payer) does not allow :71F: sender\'s charges');
  if (a.chargeBearer === 'SHA' && a.receiverCharges) report('D50', ':71G:', ':71A:SHA does not allow :71G: receiver\'s charges');
  if (a.chargeBearer === 'BEN' && a.senderCharges.length === 0) report('E15', ':71F:', ':71A:BEN needs at least one :71F: with the charges deducted');
  if (a.chargeBearer === 'BEN' && a.receiverCharges) report('E15', ':71G:', ':71A:BEN does not allow :71G: receiver\'s charges');
  if ((a.senderCharges.length > 0 || a.receiverCharges) && !instructed) report('D51', ':33B:', ':71F: or :71G: is present, so the instructed amount :33B: is mandatory');
  if (a.receiverCharges && a.receiverCharges.currency !== settled.currency) {
    report('C02', ':71G:', `:71G: is in ${a.receiverCharges.currency} but :32A: in ${settled.currency}; they must match`);
  }
  if (present('55a') && (!present('53a') || !present('54a'))) report('E06', ':55a:', ':55a: third reimbursement institution needs both :53a: and :54a:');
  if (present('56a') && !present('57a')) report('C81', ':57a:', ':56a: intermediary needs :57a: account with institution');
  checkAmountChain(a, ctx);
}

/**
 * UHB MT103 32A/33B/71F/71G usage: with 33B in the settlement currency, the interbank amount is
 * 33B minus the charges already deducted (71F) plus the receiver's charges prepaid (71G).
 * Checked only when every amount is in the one currency (otherwise field 36 converts).
 */
function checkAmountChain(a: Mt103Amounts, ctx: FieldContext): void {
  const { settled, instructed } = a;
  if (!instructed || instructed.currency !== settled.currency) return;
  const all = [...a.senderCharges, ...(a.receiverCharges ? [a.receiverCharges] : [])];
  if (all.some((m) => m.currency !== settled.currency)) return;
  // Canonical amounts carry exactly the currency's minor digits, so integer minor units are exact.
  const digits = minorDigits(settled.currency) ?? 2;
  const deductedMinor = a.senderCharges.reduce((sum, m) => sum + minorUnits(m.amount), 0n);
  const expectedMinor = minorUnits(instructed.amount) - deductedMinor + (a.receiverCharges ? minorUnits(a.receiverCharges.amount) : 0n);
  if (expectedMinor !== minorUnits(settled.amount)) {
    const deducted = fromMinor(deductedMinor, digits);
    const expected = fromMinor(expectedMinor, digits);
    ctx.sink.flag(
      'MT103.AMOUNT_MISMATCH',
      `:32A: ${settled.currency} ${settled.amount} should equal :33B: ${instructed.amount} minus :71F: ${deducted} plus :71G: ${a.receiverCharges?.amount ?? '0'} = ${expected}`,
      ':32A:',
    );
  }
}
