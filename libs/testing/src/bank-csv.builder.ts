export interface CsvRowInput {
  reference: string;
  valueDate?: string; // YYYY-MM-DD
  currency?: string;
  /** Decimal point, credits positive, debits negative: "1250.00". */
  amount?: string;
  payerName?: string;
  payerAccount?: string;
  remittanceInfo?: string;
  beneficiaryAccount?: string;
  uetr?: string | null;
}

const COLUMNS = ['value_date', 'currency', 'amount', 'payer_name', 'payer_account', 'reference', 'remittance_info', 'beneficiary_account', 'uetr'] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One data row of the generic profile, as the values given (a bad date or amount is kept as is). */
export function genericCsvRow(row: CsvRowInput): string {
  const values: Record<(typeof COLUMNS)[number], string> = {
    value_date: row.valueDate ?? '2026-11-20',
    currency: row.currency ?? 'USD',
    amount: row.amount ?? '1250.00',
    payer_name: row.payerName ?? 'ACME TRADING LLC',
    payer_account: row.payerAccount ?? 'US33000012345678',
    reference: row.reference,
    remittance_info: row.remittanceInfo ?? `PAYMENT ${row.reference}`,
    beneficiary_account: row.beneficiaryAccount ?? 'VA88000012345',
    uetr: row.uetr ?? '',
  };
  return COLUMNS.map((c) => cell(values[c])).join(',');
}

/**
 * A CSV in the generic profile (docs/contract.md "Generic CSV profile"): header row then one row per
 * input; data rows start on line 2.
 */
export function buildGenericCsv(rows: CsvRowInput[]): string {
  return `${[COLUMNS.join(','), ...rows.map(genericCsvRow)].join('\r\n')}\r\n`;
}
