import { addAmounts, convert } from '@ereceipt/money';

export interface DeclaredPart {
  shipmentNo: string;
  source: 'CUSTOMS_DECLARATION' | 'EXPORT_BILL';
  declared: { amount: string; currency: string };
  /** 1 declared currency = rate order currency; null when none was in force. */
  rate: { rate: string; validFrom: string; source: string; inverted: boolean } | null;
}

export interface DeclaredTotal {
  currency: string;
  amount: string;
  complete: boolean;
  parts: Array<DeclaredPart & { converted: string | null }>;
  unconverted: Array<DeclaredPart & { converted: null }>;
  awaiting: string[];
}

/**
 * The goods value declared for an order, in the order's currency (docs/domain.md §3 rule 3 reads it):
 * each declared value converted at its rate (half-even to the currency's minor digits), summed
 * exactly. A value with no rate in force is never guessed: it is left out of the sum, listed in
 * `unconverted`, and `complete` is false; so is it while a requested bill has no value yet.
 */
export function totalDeclared(orderCurrency: string, parts: readonly DeclaredPart[], awaiting: readonly string[] = []): DeclaredTotal {
  const converted = parts.map((p) => ({
    ...p,
    converted: p.declared.currency === orderCurrency ? addAmounts(orderCurrency, p.declared.amount) : p.rate ? convert(p.declared.amount, p.rate.rate, orderCurrency) : null,
  }));
  const unconverted = converted.filter((p): p is DeclaredPart & { converted: null } => p.converted === null);
  const amount = addAmounts(orderCurrency, ...converted.flatMap((p) => (p.converted === null ? [] : [p.converted])));
  return { currency: orderCurrency, amount, complete: unconverted.length === 0 && awaiting.length === 0, parts: converted, unconverted, awaiting: [...awaiting] };
}
