import { agingBuckets, remittanceCategories, type ReconciliationReport } from './reconciliation-report';

/**
 * A cell a spreadsheet would read as a formula (= + - @, or a leading tab or carriage return) gets
 * a leading apostrophe (OWASP "CSV injection"). Amounts are written by us and never negative, so
 * no number is altered; a payer name like "=HYPERLINK(...)" is.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting after neutralising: quotes when the cell has a comma, quote, CR or LF. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = neutraliseCell(String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: Array<string | number | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const HEADER = ['section', 'currency', 'metric', 'count', 'amount', 'record_type', 'record_id', 'detail'];

/**
 * One long table (a spreadsheet or `grep` reads it without knowing sections): summary metrics, aging,
 * KPIs, daily series, ledger proof, exceptions and discrepancies with their records. UTF-8 with a BOM
 * so spreadsheet programs read non-ASCII payer names right.
 */
export function reportToCsv(report: ReconciliationReport): string {
  const out: string[] = ['\uFEFF', csvLine(HEADER)];
  const row = (section: string, currency: string | null, metric: string, count: number | string | null, amount: string | null, recordType: string | null = null, recordId: string | null = null, detail: string | null = null) =>
    out.push(csvLine([section, currency, metric, count, amount, recordType, recordId, detail]));
  row('period', null, 'from', null, null, null, null, report.filter.from);
  row('period', null, 'to', null, null, null, null, report.filter.to);
  row('period', null, 'generatedAt', null, null, null, null, report.generatedAt);
  for (const c of report.currencies) {
    row('summary', c.currency, 'received', c.received.count, c.received.amount);
    for (const k of remittanceCategories) row('summary', c.currency, k, c.byCategory[k].count, c.byCategory[k].amount);
    row('summary', c.currency, 'partial', c.partial.count, c.partial.amount);
    row('summary', c.currency, 'underpaid', c.underpaid.count, c.underpaid.amount);
    row('summary', c.currency, 'overpaid', c.overpaid.count, c.overpaid.amount);
    row('summary', c.currency, 'bankChargesAbsorbed', c.bankChargesAbsorbed.count, c.bankChargesAbsorbed.amount);
    row('summary', c.currency, 'duplicates', c.duplicates.count, c.duplicates.amount);
    row('summary', c.currency, 'irregular', c.irregular.count, c.irregular.amount);
    for (const b of agingBuckets) row('aging', c.currency, b, c.aging[b].count, c.aging[b].amount);
    row('kpi', c.currency, 'autoAssociated', c.kpis.autoAssociated.count, c.kpis.autoAssociated.amount);
    row('kpi', c.currency, 'autoRateByCount', c.kpis.autoRateByCount, null);
    row('kpi', c.currency, 'autoRateByAmount', c.kpis.autoRateByAmount, null);
    row('kpi', c.currency, 'wrongAutoRate', c.kpis.wrongAutoRate, null);
    row('kpi', c.currency, 'wrongAutoUnbound', c.kpis.wrongAuto.unbound, null);
    row('kpi', c.currency, 'wrongAutoRejected', c.kpis.wrongAuto.rejected, null);
  }
  for (const d of report.daily) {
    row('daily', d.currency, `received ${d.day}`, d.received.count, d.received.amount);
    row('daily', d.currency, `associated ${d.day}`, d.associated.count, d.associated.amount);
  }
  if (!report.funds.available) row('funds', null, 'available', null, null, null, null, report.funds.note);
  for (const l of report.funds.ledgerProof) row('ledger', l.currency, `${l.account} opening/movements/closing`, null, l.closing, 'seller', l.sellerId, `${l.opening} + ${l.movements} = ${l.closing}: ${l.proven ? 'proven' : 'NOT PROVEN'}`);
  for (const w of report.funds.withdrawals) {
    row('withdrawals', w.currency, 'requested', w.requested.count, w.requested.amount);
    row('withdrawals', w.currency, 'completed', w.completed.count, w.completed.amount);
    row('withdrawals', w.currency, 'failed', w.failed.count, w.failed.amount);
  }
  for (const r of report.funds.refunds) {
    row('refunds', r.currency, 'requested', r.requested.count, r.requested.amount);
    row('refunds', r.currency, 'completed', r.completed.count, r.completed.amount);
  }
  for (const fx of report.funds.fxSettled) row('fxSettled', fx.currency, `into ${fx.settlementCurrency}`, fx.count, fx.amount, null, null, fx.settledAmount);
  for (const e of report.exceptions) row('exception', e.currency, e.category, e.ageDays, e.amount, 'remittance', e.remittanceId, [e.payerName ?? '', e.messageRef, e.reason ?? ''].join(' | '));
  for (const d of report.discrepancies) for (const r of d.records) row('discrepancy', d.currency, d.code, null, null, r.type, r.id, r.detail);
  return out.join('');
}
