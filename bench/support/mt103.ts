import { buildMt103 } from '@ereceipt/testing';

/**
 * SWIFT amount (decimal comma) derived from an integer counter with string arithmetic only:
 * i -> "<1..99999>,<00..99>". No floating point is involved.
 */
export function swiftAmountFor(i: number): string {
  return `${1 + (i % 99_999)},${String(i % 100).padStart(2, '0')}`;
}

/** Same amount in the dot form ("1234.56") used by camt and the generic CSV profile. */
export function dotAmountFor(i: number): string {
  return `${1 + (i % 99_999)}.${String(i % 100).padStart(2, '0')}`;
}

/** Message N of a benchmark run, varied a little so the parser does not see one string forever. */
export function benchMt103(ref: string, i: number): string {
  return buildMt103({
    ref,
    amount: swiftAmountFor(i),
    valueDate: `2611${String(1 + (i % 28)).padStart(2, '0')}`,
    payerName: `PAYER ${i % 1000} TRADING LLC`,
    payerAccount: `US33${String(i % 1_000_000).padStart(12, '0')}`,
    remittanceInfo: [`ORDER EO-2026-${String(i % 1_000_000).padStart(6, '0')}`],
    chargeBearer: i % 3 === 0 ? 'OUR' : 'SHA',
  });
}
