import { randomUUID } from 'node:crypto';

/**
 * Copy of `buildMt103` from libs/testing (tsconfig.build.json leaves libs/testing out of dist/,
 * so benchmarks cannot import it at run time). Keep the two in step.
 */
export interface Mt103Input {
  ref: string;
  uetr?: string | null;
  valueDate?: string; // YYMMDD
  currency?: string;
  /** SWIFT form, decimal comma: "9985,00". A string, never a JS number. */
  amount?: string;
  payerName?: string;
  payerAccount?: string;
  beneficiaryAccount?: string;
  beneficiaryName?: string;
  remittanceInfo?: string[];
  chargeBearer?: 'OUR' | 'SHA' | 'BEN';
  senderBic?: string;
}

export function buildMt103(input: Mt103Input): string {
  const uetr = input.uetr === undefined ? randomUUID() : input.uetr;
  const currency = input.currency ?? 'USD';
  const lines = [
    `:20:${input.ref}`,
    ':23B:CRED',
    `:32A:${input.valueDate ?? '261120'}${currency}${input.amount ?? '9985,00'}`,
    `:50K:/${input.payerAccount ?? 'US33000012345678'}`,
    input.payerName ?? 'ACME TRADING LLC',
    '1 MAIN ST',
    `:59:/${input.beneficiaryAccount ?? 'VA88000012345'}`,
    input.beneficiaryName ?? 'NINGBO EXAMPLE CO LTD',
    `:70:${(input.remittanceInfo ?? ['PAYMENT FOR ORDER']).join('\r\n')}`,
    `:71A:${input.chargeBearer ?? 'SHA'}`,
  ];
  const block3 = uetr ? `{3:{121:${uetr}}}` : '';
  return `{1:F01${input.senderBic ?? 'CHASUS33AXXX'}0000000000}{2:I103BKCHCNBJX400N}${block3}{4:\r\n${lines.join('\r\n')}\r\n-}`;
}

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
