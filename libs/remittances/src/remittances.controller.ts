import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { ListRemittancesQuery } from './list-remittances.dto';
import { RemittancePageDto, RemittanceViewDto } from './remittance-view.dto';
import { RemittanceQueries } from './remittances.query';

@ApiTags('remittances')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'roles finance, admin and seller only' })
@Controller('remittances')
export class RemittancesController {
  constructor(private readonly queries: RemittanceQueries) {}

  @Get()
  @Roles('finance', 'admin', 'seller')
  @ApiOperation({ summary: 'List remittances, newest first (a seller sees only its own)' })
  @ApiOkResponse({ type: RemittancePageDto })
  @ApiBadRequestResponse({ description: 'a bad filter, limit or cursor' })
  async list(@Query() query: ListRemittancesQuery, @CurrentPrincipal() principal: Principal): Promise<RemittancePageDto> {
    return this.queries.list(query, principal);
  }

  @Get(':id')
  @Roles('finance', 'admin', 'seller')
  @ApiOperation({ summary: 'One remittance: canonical fields, status, provenance, associations and decision' })
  @ApiOkResponse({ type: RemittanceViewDto })
  @ApiBadRequestResponse({ description: 'id is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such remittance (or not this seller\'s)' })
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REMITTANCE.BAD_ID', 'id: must be a uuid') })) id: string, @CurrentPrincipal() principal: Principal): Promise<RemittanceViewDto> {
    return this.queries.get(id, principal);
  }
}
