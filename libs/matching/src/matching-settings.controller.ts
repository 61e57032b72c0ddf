import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { ChangeMatchingSettings } from './change-matching-settings.usecase';
import { MatchingSettingsDto, MatchingSettingsInputDto } from './matching-settings.dto';
import { MatchingSettingsQuery } from './matching-settings.query';

const sellerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('MATCHING.BAD_ID', 'sellerId: must be a uuid') });

@ApiTags('sellers')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@Controller('sellers/:sellerId/matching-settings')
export class MatchingSettingsController {
  constructor(
    private readonly query: MatchingSettingsQuery,
    private readonly change: ChangeMatchingSettings,
  ) {}

  @Get()
  @Roles('seller', 'finance', 'admin')
  @ApiOperation({ summary: "A seller's matching settings in force (charge tolerance, review policy) and their history" })
  @ApiOkResponse({ type: MatchingSettingsDto })
  @ApiNotFoundResponse({ description: 'no such seller (or not this seller)' })
  async get(@Param('sellerId', sellerIdPipe) sellerId: string, @CurrentPrincipal() principal: Principal): Promise<MatchingSettingsDto> {
    return this.query.get(sellerId, principal);
  }

  @Put()
  @HttpCode(200)
  @Roles('seller', 'finance', 'admin')
  @ApiOperation({ summary: 'Change the charge tolerance (the seller, finance, admin) or the review policy (finance, admin); effective for the next wire' })
  @ApiOkResponse({ type: MatchingSettingsDto })
  @ApiBadRequestResponse({ description: 'a bad value (the message names the field) or nothing to change' })
  @ApiForbiddenResponse({ description: 'MATCHING.FINANCE_ONLY: a seller may not change its review policy' })
  @ApiNotFoundResponse({ description: 'no such seller (or not this seller)' })
  async put(@Param('sellerId', sellerIdPipe) sellerId: string, @Body() body: MatchingSettingsInputDto, @CurrentPrincipal() principal: Principal): Promise<MatchingSettingsDto> {
    return this.change.execute(sellerId, body, principal);
  }
}
