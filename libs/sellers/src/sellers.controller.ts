import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { ApplySeller } from './apply-seller.usecase';
import { DecideSeller } from './decide-seller.usecase';
import { RejectSellerDto, SellerApplicationDto, SellerViewDto } from './seller.dto';
import { SellerQueries } from './sellers.query';

const sellerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('SELLERS.BAD_ID', 'sellerId: must be a uuid') });

@ApiTags('sellers')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('sellers')
export class SellersController {
  constructor(
    private readonly apply: ApplySeller,
    private readonly decide: DecideSeller,
    private readonly queries: SellerQueries,
  ) {}

  @Post('applications')
  @Roles('admin')
  @ApiOperation({ summary: 'File a seller application (admin, on the seller\'s behalf); it starts PENDING' })
  @ApiCreatedResponse({ type: SellerViewDto })
  @ApiBadRequestResponse({ description: 'a field is missing or wrong (tradeMode must be 0110); the message names it' })
  async create(@Body() body: SellerApplicationDto): Promise<SellerViewDto> {
    return this.apply.execute(body);
  }

  @Get(':sellerId')
  @Roles('admin', 'finance', 'seller')
  @ApiOperation({ summary: 'A seller: status, rejection reason and collection accounts (a seller token sees only its own)' })
  @ApiOkResponse({ type: SellerViewDto })
  @ApiNotFoundResponse({ description: 'no such seller (or not this seller token\'s)' })
  async get(@Param('sellerId', sellerIdPipe) sellerId: string, @CurrentPrincipal() principal: Principal): Promise<SellerViewDto> {
    return this.queries.get(sellerId, principal);
  }

  @Post(':sellerId/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Approve a PENDING application: opens one virtual collection account per currency' })
  @ApiOkResponse({ type: SellerViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the application is not PENDING' })
  async approve(@Param('sellerId', sellerIdPipe) sellerId: string): Promise<SellerViewDto> {
    return this.decide.approve(sellerId);
  }

  @Post(':sellerId/reject')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reject a PENDING application with a reason' })
  @ApiOkResponse({ type: SellerViewDto })
  @ApiBadRequestResponse({ description: 'no reason given' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the application is not PENDING' })
  async reject(@Param('sellerId', sellerIdPipe) sellerId: string, @Body() body: RejectSellerDto): Promise<SellerViewDto> {
    return this.decide.reject(sellerId, body.reason);
  }
}
