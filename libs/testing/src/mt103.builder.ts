import { randomUUID } from 'node:crypto';

export interface Mt103Input {
  ref: string;
  uetr?: string | null;
  valueDate?: string; // YYMMDD
  currency?: string;
  amount?: string; // SWIFT form, decimal comma: "9985,00"
  instructed?: string | null;
  payerName?: string;
  payerAccount?: string;
  beneficiaryAccount?: string;
  beneficiaryName?: string;
  remittanceInfo?: string[];
  chargeBearer?: 'OUR' | 'SHA' | 'BEN';
  /** :71F: sender's charges deducted, SWIFT form ("15,00"); 33B - sum(71F) must equal 32A. */
  charges?: string[];
  senderBic?: string;
}

/** A valid single MT103 (FIN, input form) for tests and benchmarks; unique by `ref` and UETR. */
export function buildMt103(input: Mt103Input): string {
  const uetr = input.uetr === undefined ? randomUUID() : input.uetr;
  const currency = input.currency ?? 'USD';
  const lines = [
    `:20:${input.ref}`,
    ':23B:CRED',
    `:32A:${input.valueDate ?? '261120'}${currency}${input.amount ?? '9985,00'}`,
    ...(input.instructed ? [`:33B:${currency}${input.instructed}`] : []),
    `:50K:/${input.payerAccount ?? 'US33000012345678'}`,
    input.payerName ?? 'ACME TRADING LLC',
    '1 MAIN ST',
    `:59:/${input.beneficiaryAccount ?? 'VA88000012345'}`,
    input.beneficiaryName ?? 'NINGBO EXAMPLE CO LTD',
    `:70:${(input.remittanceInfo ?? ['PAYMENT FOR ORDER']).join('\r\n')}`,
    `:71A:${input.chargeBearer ?? 'SHA'}`,
    ...(input.charges ?? []).map((c) => `:71F:${currency}${c}`),
  ];
  const block3 = uetr ? `{3:{121:${uetr}}}` : '';
  return `{1:F01${input.senderBic ?? 'CHASUS33AXXX'}0000000000}{2:I103BKCHCNBJX400N}${block3}{4:\r\n${lines.join('\r\n')}\r\n-}`;
}
