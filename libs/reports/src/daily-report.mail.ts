import { html, type MailAttachment } from '@ereceipt/notifications';
import type { ReconciliationReport } from './reconciliation-report';
import { contentTypes, reportFileName } from './report-files';

/** The day a run reports on: the day before the run's local date in the configured time zone. */
export function reportDayFor(due: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(due);
  return new Date(Date.parse(`${local}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The daily mail: the summary per currency in the body (HTML + text), the whole report as XLSX. */
export function renderDailyReportMail(report: ReconciliationReport, xlsx: Buffer, consoleUrl: string): { subject: string; html: string; text: string; attachments: MailAttachment[] } {
  const day = report.filter.from;
  const t = report.totals;
  const subject = `Reconciliation ${day}: ${t.received} received, ${t.associated} associated, ${t.unmatched + t.suggested} waiting, ${t.discrepancies} discrepancies`;
  const rows = report.currencies.map((c) => ({
    currency: c.currency,
    cells: [`${c.received.count} / ${c.received.amount}`, `${c.byCategory.associatedAuto.count + c.byCategory.associatedManual.count}`, `${c.byCategory.suggested.count + c.byCategory.unmatched.count}`, c.kpis.autoRateByCount === null ? 'n/a' : `${(Number(c.kpis.autoRateByCount) * 100).toFixed(1)} %`],
  }));
  const body = html`<!doctype html><html><body style="font:15px/1.5 system-ui,sans-serif;color:#1d2430">
<h1 style="font-size:18px">Reconciliation of ${day} (UTC)</h1>
<table cellpadding="6" style="border-collapse:collapse"><tr><th align="left">Currency</th><th align="right">Received (count / amount)</th><th align="right">Associated</th><th align="right">Waiting</th><th align="right">Auto rate</th></tr>
${rows.map((r) => html`<tr><td>${r.currency}</td>${r.cells.map((c) => html`<td align="right">${c}</td>`)}</tr>`)}</table>
<p>${t.discrepancies} discrepancy record(s). The full report is attached (XLSX); the exception queue is at <a href="${consoleUrl}">${consoleUrl}</a>.</p></body></html>`;
  const text = [`Reconciliation of ${day} (UTC)`, '', ...rows.map((r) => `${r.currency}: received ${r.cells[0]}, associated ${r.cells[1]}, waiting ${r.cells[2]}, auto rate ${r.cells[3]}`), '', `${t.discrepancies} discrepancy record(s). Full report attached (XLSX). Console: ${consoleUrl}`].join('\n');
  return { subject, html: body.value, text, attachments: [{ filename: reportFileName(report, 'xlsx'), contentType: contentTypes.xlsx, contentBase64: xlsx.toString('base64') }] };
}
