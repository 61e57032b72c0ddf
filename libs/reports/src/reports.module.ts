import { Module } from '@nestjs/common';
import { DailyReportMailJob } from './daily-report.job';
import { FundsLedgerSource } from './funds-ledger.source';
import { FUNDS_REPORT_SOURCE } from './funds-report.port';
import { ReconciliationReports } from './reconciliation-reports.service';
import { ReportAggregatesJob } from './report-aggregates.job';
import { ReportsController } from './reports.controller';
import { ExceptionQueueController } from './exception-queue.controller';

/** `GET /reports/reconciliation`, the daily report e-mail and the aggregates' catch-up job. The funds section reads libs/funds' ledger tables through FUNDS_REPORT_SOURCE. */
@Module({
  controllers: [ReportsController, ExceptionQueueController],
  providers: [ReconciliationReports, DailyReportMailJob, ReportAggregatesJob, { provide: FUNDS_REPORT_SOURCE, useClass: FundsLedgerSource }],
  exports: [ReconciliationReports],
})
export class ReportsModule {}
