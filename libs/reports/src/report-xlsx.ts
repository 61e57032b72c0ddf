import ExcelJS from 'exceljs';
import { minorDigits } from '@ereceipt/money';
import { agingBuckets, type CountAmount, remittanceCategories, type ReconciliationReport } from './reconciliation-report';
import { neutraliseCell } from './report-csv';

/** `#,##0.00 "USD"`: the currency's minor digits, the code after the number. */
export function currencyFormat(currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
}

/**
 * Amounts go into number cells: Excel stores IEEE doubles, exact for amounts under 2^53 minor
 * units (about 90 trillion USD), so a decimal string like "1234.57" reads back the same. Text cells
 * are neutralised like the CSV.
 */
const num = (amount: string) => Number(amount);
const text = (value: string | null) => (value === null ? null : neutraliseCell(value));

const labels: Record<string, string> = {
  associatedAuto: 'Associated automatically', associatedManual: 'Associated by hand', underReview: 'Under review (proposed)', suggested: 'Suggested',
  unmatched: 'Unmatched', followUp: 'Follow-up (rejected)', returned: 'Returned', identityConflict: 'Identity conflict (UETR reused, other money)', inconsistent: 'Inconsistent (see discrepancies)',
};

function header(ws: ExcelJS.Worksheet, columns: Array<{ header: string; key: string; width: number }>): void {
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Summary sheet (one block per currency, never a cross-currency total) and detail sheets. */
export async function reportToXlsx(report: ReconciliationReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ereceipt-hub';
  wb.created = new Date(report.generatedAt);
  const summary = wb.addWorksheet('Summary');
  header(summary, [{ header: 'Currency', key: 'currency', width: 10 }, { header: 'Metric', key: 'metric', width: 36 }, { header: 'Count', key: 'count', width: 10 }, { header: 'Amount', key: 'amount', width: 22 }]);
  const add = (currency: string, metric: string, v: CountAmount) => {
    const r = summary.addRow({ currency, metric, count: v.count, amount: num(v.amount) });
    r.getCell('amount').numFmt = currencyFormat(currency);
  };
  for (const c of report.currencies) {
    add(c.currency, 'Received', c.received);
    for (const k of remittanceCategories) add(c.currency, labels[k], c.byCategory[k]);
    add(c.currency, 'Partial payments', c.partial);
    add(c.currency, 'Underpaid', c.underpaid);
    add(c.currency, 'Overpaid (credit kept)', c.overpaid);
    add(c.currency, 'Bank charges absorbed', c.bankChargesAbsorbed);
    add(c.currency, 'Duplicates (not counted above)', c.duplicates);
    add(c.currency, 'Auto-associated (ever)', c.kpis.autoAssociated);
    for (const [metric, value] of [['Auto rate by count', c.kpis.autoRateByCount], ['Auto rate by amount', c.kpis.autoRateByAmount], ['Wrong-auto rate', c.kpis.wrongAutoRate]] as const) {
      const r = summary.addRow({ currency: c.currency, metric, count: null, amount: value === null ? null : Number(value) });
      r.getCell('amount').numFmt = '0.00%';
    }
    summary.addRow({});
  }
  summary.addRow({ currency: null, metric: `Period ${report.filter.from} to ${report.filter.to} (received, UTC); generated ${report.generatedAt}` });

  const aging = wb.addWorksheet('Aging');
  header(aging, [{ header: 'Currency', key: 'currency', width: 10 }, { header: 'Days waiting', key: 'bucket', width: 14 }, { header: 'Count', key: 'count', width: 10 }, { header: 'Amount', key: 'amount', width: 22 }]);
  for (const c of report.currencies) for (const b of agingBuckets) aging.addRow({ currency: c.currency, bucket: b, count: c.aging[b].count, amount: num(c.aging[b].amount) }).getCell('amount').numFmt = currencyFormat(c.currency);

  const daily = wb.addWorksheet('Daily');
  header(daily, [{ header: 'Day', key: 'day', width: 12 }, { header: 'Currency', key: 'currency', width: 10 }, { header: 'Received', key: 'rn', width: 10 }, { header: 'Received amount', key: 'ra', width: 22 }, { header: 'Associated', key: 'an', width: 11 }, { header: 'Associated amount', key: 'aa', width: 22 }]);
  for (const d of report.daily) {
    const r = daily.addRow({ day: new Date(`${d.day}T00:00:00Z`), currency: d.currency, rn: d.received.count, ra: num(d.received.amount), an: d.associated.count, aa: num(d.associated.amount) });
    r.getCell('day').numFmt = 'yyyy-mm-dd';
    r.getCell('ra').numFmt = currencyFormat(d.currency);
    r.getCell('aa').numFmt = currencyFormat(d.currency);
  }

  const exceptions = wb.addWorksheet('Exceptions');
  header(exceptions, [
    { header: 'Remittance', key: 'id', width: 38 }, { header: 'Reference', key: 'ref', width: 20 }, { header: 'Received', key: 'received', width: 20 }, { header: 'Value date', key: 'valueDate', width: 12 },
    { header: 'Currency', key: 'currency', width: 10 }, { header: 'Amount', key: 'amount', width: 20 }, { header: 'Payer', key: 'payer', width: 30 }, { header: 'State', key: 'category', width: 16 },
    { header: 'Reason', key: 'reason', width: 32 }, { header: 'Age (days)', key: 'age', width: 10 },
  ]);
  for (const e of report.exceptions) {
    const r = exceptions.addRow({ id: e.remittanceId, ref: text(e.messageRef), received: new Date(e.receivedAt), valueDate: new Date(`${e.valueDate}T00:00:00Z`), currency: e.currency, amount: num(e.amount), payer: text(e.payerName), category: e.category, reason: e.reason, age: e.ageDays });
    r.getCell('received').numFmt = 'yyyy-mm-dd hh:mm';
    r.getCell('valueDate').numFmt = 'yyyy-mm-dd';
    r.getCell('amount').numFmt = currencyFormat(e.currency);
  }

  const disc = wb.addWorksheet('Discrepancies');
  header(disc, [{ header: 'Code', key: 'code', width: 30 }, { header: 'Currency', key: 'currency', width: 10 }, { header: 'Record type', key: 'type', width: 14 }, { header: 'Record', key: 'id', width: 38 }, { header: 'Detail', key: 'detail', width: 60 }]);
  for (const d of report.discrepancies) for (const r of d.records) disc.addRow({ code: d.code, currency: d.currency, type: r.type, id: r.id, detail: text(r.detail) });

  const funds = wb.addWorksheet('Funds');
  if (!report.funds.available) {
    funds.addRow([report.funds.note]);
  } else {
    header(funds, [{ header: 'Seller', key: 'seller', width: 38 }, { header: 'Currency', key: 'currency', width: 10 }, { header: 'Account', key: 'account', width: 20 }, { header: 'Opening', key: 'opening', width: 20 }, { header: 'Movements', key: 'movements', width: 20 }, { header: 'Closing', key: 'closing', width: 20 }, { header: 'Proven', key: 'proven', width: 8 }]);
    for (const l of report.funds.ledgerProof) {
      const r = funds.addRow({ seller: l.sellerId, currency: l.currency, account: l.account, opening: num(l.opening), movements: num(l.movements), closing: num(l.closing), proven: l.proven });
      for (const k of ['opening', 'movements', 'closing']) r.getCell(k).numFmt = currencyFormat(l.currency);
    }
    for (const w of report.funds.withdrawals) for (const [what, v] of [['requested', w.requested], ['completed', w.completed], ['failed', w.failed]] as const) funds.addRow({ seller: `withdrawals ${what}`, currency: w.currency, account: v.count, opening: num(v.amount) }).getCell('opening').numFmt = currencyFormat(w.currency);
    for (const rf of report.funds.refunds) for (const [what, v] of [['requested', rf.requested], ['completed', rf.completed]] as const) funds.addRow({ seller: `refunds ${what}`, currency: rf.currency, account: v.count, opening: num(v.amount) }).getCell('opening').numFmt = currencyFormat(rf.currency);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
