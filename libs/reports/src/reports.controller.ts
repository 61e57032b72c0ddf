import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';
import { contentTypes, renderReport, reportFileName } from './report-files';
import { ReconciliationQuery } from './reports.dto';

@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReconciliationReports) {}

  @Get('reconciliation')
  @Roles('finance', 'admin', 'seller')
  @ApiOperation({ summary: 'Reconciliation of a period: counts and amounts per currency, aging, KPIs, discrepancies with their records (JSON, CSV or XLSX)' })
  @ApiProduces(contentTypes.json, contentTypes.csv, contentTypes.xlsx)
  @ApiOkResponse({ description: 'the report; definitions in libs/reports/README.md' })
  @ApiBadRequestResponse({ description: 'a bad period or filter (the message names the field)' })
  async reconciliation(@Query() query: ReconciliationQuery, @CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    const format = query.format ?? 'json';
    const report = await this.reports.build(reportFilter(query, principal));
    const body = await renderReport(report, format);
    res.setHeader('Content-Type', contentTypes[format]);
    res.setHeader('Cache-Control', 'no-store');
    if (format !== 'json') res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`);
    res.status(200).end(body);
  }
}
