import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { OpenOrdersDto, OpenOrdersQueryDto } from './open-orders.dto';
import { OpenOrdersQuery } from './open-orders.query';

@ApiTags('orders')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('sellers/:sellerId/open-orders')
export class OpenOrdersController {
  constructor(private readonly finder: OpenOrdersQuery) {}

  @Get()
  @Roles('finance', 'admin', 'seller')
  @ApiOperation({ summary: 'The order finder of manual association: a seller\'s open orders (submitted, not fully paid) by buyer, amount still owed (exact or a range, the order or one milestone) or order number / ERP id, each with what it still owes' })
  @ApiOkResponse({ type: OpenOrdersDto })
  @ApiBadRequestResponse({ description: 'a bad amount or currency (the message names the field)' })
  @ApiNotFoundResponse({ description: 'a seller token asking for another seller' })
  async find(@Param('sellerId', new ParseUUIDPipe()) sellerId: string, @Query() q: OpenOrdersQueryDto, @CurrentPrincipal() principal: Principal): Promise<OpenOrdersDto> {
    const [lo, hi] = (q.amount ?? '').includes('..') ? (q.amount ?? '').split('..') : [q.amount ?? '', q.amount ?? ''];
    return this.finder.find(sellerId, {
      currency: q.currency ?? null, buyer: q.buyer?.trim() || null, reference: q.reference?.trim() || null,
      owedMin: lo ? lo : null, owedMax: hi ? hi : null, limit: q.limit ?? 25,
    }, principal);
  }
}
