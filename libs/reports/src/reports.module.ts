import { Module } from '@nestjs/common';
import { ReconciliationReports } from './reconciliation-reports.service';
import { ReportsController } from './reports.controller';

/** `GET /reports/reconciliation` and the daily report e-mail. The funds ledger plugs in through FUNDS_REPORT_SOURCE. */
@Module({
  controllers: [ReportsController],
  providers: [ReconciliationReports],
  exports: [ReconciliationReports],
})
export class ReportsModule {}
