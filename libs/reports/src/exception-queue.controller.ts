import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { ExceptionQueuePageDto, ExceptionQueueQueryDto } from './exception-queue.dto';
import { parseAmountSearch } from './exception-queue.rules';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('exceptions')
export class ExceptionQueueController {
  constructor(private readonly reports: ReconciliationReports) {}

  @Get()
  @Roles('finance', 'admin', 'seller')
  @ApiOperation({ summary: 'The exception queue, one keyset page at a time (`cursor`, never an offset): sorted by age, amount or currency; searched by amount (exact or a range), payer, reference and order number; states and ages as in the reconciliation report' })
  @ApiOkResponse({ type: ExceptionQueuePageDto })
  @ApiBadRequestResponse({ description: 'a bad period, amount or cursor (the message names the field)' })
  async list(@Query() q: ExceptionQueueQueryDto, @CurrentPrincipal() principal: Principal): Promise<ExceptionQueuePageDto> {
    const to = q.to ?? day(Date.now());
    const from = q.from ?? day(Date.parse(to) - 89 * DAY);
    return this.reports.queuePage({
      filter: reportFilter({ from, to, sellerId: q.sellerId ?? null, currency: q.currency ?? null }, principal),
      category: q.category ?? 'waiting',
      sort: q.sort ?? 'age',
      order: q.order ?? 'asc',
      cursor: q.cursor ?? null,
      limit: q.limit ?? 50,
      minAgeDays: q.minAgeDays ?? null,
      amount: parseAmountSearch(q.amount, q.amountMin, q.amountMax),
      payer: q.payer?.trim() || null,
      reference: q.reference?.trim() || null,
      orderNo: q.orderNo ?? null,
    });
  }
}
