import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { ErpSyncLogDto, ErpSyncLogQuery } from './erp-sync-log.dto';
import { ErpSyncLogQueries } from './erp-sync-log.query';

@ApiTags('orders')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('erp-orders')
export class ErpSyncLogController {
  constructor(private readonly queries: ErpSyncLogQueries) {}

  @Get('sync-log')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'What became of each erp.orders message: APPLIED, or ignored as DUPLICATE / STALE (newest first; a seller sees only its own). Refused messages are in erp.orders.dlq' })
  @ApiOkResponse({ type: ErpSyncLogDto })
  async list(@Query() query: ErpSyncLogQuery, @CurrentPrincipal() principal: Principal): Promise<ErpSyncLogDto> {
    return this.queries.list(query, principal);
  }
}
