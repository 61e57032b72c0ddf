import type { ReconciliationReport } from './reconciliation-report';
import type { ReportFormat } from './reports.dto';
import { reportToCsv } from './report-csv';
import { reportToXlsx } from './report-xlsx';

export const contentTypes: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function reportFileName(report: ReconciliationReport, format: ReportFormat): string {
  return `reconciliation-${report.filter.from}-${report.filter.to}.${format}`;
}

/** The report in one of its three renderings. */
export async function renderReport(report: ReconciliationReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    case 'csv':
      return Buffer.from(reportToCsv(report));
    case 'xlsx':
      return reportToXlsx(report);
  }
}
