import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { orderNoPipe } from '@ereceipt/orders';
import { BalanceDto, BalancesQueryDto, FundsSettingsDto, FundsSettingsViewDto, RemittanceReturnedDto, ReturnRemittanceDto, WithdrawalCreatedDto, WithdrawalDto, WithdrawalRequestDto, WithdrawalsQueryDto } from './funds.dto';
import { FundsQueries } from './funds.query';
import { RequestWithdrawal } from './request-withdrawal.usecase';
import { ReturnRemittance } from './return-remittance.usecase';
import { fundsSettingsView, UpdateFundsSettings } from './update-funds-settings.usecase';

@ApiTags('funds')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller()
export class FundsController {
  constructor(
    private readonly withdraw: RequestWithdrawal,
    private readonly settings: UpdateFundsSettings,
    private readonly queries: FundsQueries,
    private readonly returnRemittance: ReturnRemittance,
    private readonly orm: MikroORM,
  ) {}

  @Post('remittances/:id/return')
  @Roles('finance', 'admin')
  @ApiOperation({ summary: 'Return an unassociable remittance (PENDING_ASSOCIATION or FOLLOW_UP) to its payer less a fee; the remittance becomes RETURNED. Publishes ereceipt.remittance.return-requested.v1 (instructionId)' })
  @ApiCreatedResponse({ type: RemittanceReturnedDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'FUNDS.NOT_RETURNABLE (associated, or no known seller)' })
  async returnToPayer(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnRemittanceDto, @CurrentPrincipal() principal: Principal): Promise<RemittanceReturnedDto> {
    return this.returnRemittance.execute(id, { fee: body.fee }, principal);
  }

  @Post('orders/:orderNo/withdrawals')
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Withdraw an order\'s credited funds. Rules: buyer confirmed the payment info; funds credited (approved, no open refund); withdrawn <= max(pre-shipment milestones, declared goods value) x 1.05. Publishes ereceipt.withdrawal.requested.v1 (instructionId)' })
  @ApiCreatedResponse({ type: WithdrawalCreatedDto })
  @ApiNotFoundResponse({ description: 'no such order (or not this seller\'s)' })
  @ApiConflictResponse({ description: 'FUNDS.RULE_PAYMENT_INFO_CONFIRMED, FUNDS.RULE_FUNDS_CREDITED, FUNDS.RULE_FUNDS_GOODS_CONSISTENT (details.rule names it), FUNDS.WITHDRAWAL_IN_PROGRESS' })
  async create(@Param('orderNo', orderNoPipe) orderNo: string, @Body() body: WithdrawalRequestDto, @CurrentPrincipal() principal: Principal): Promise<WithdrawalCreatedDto> {
    return this.withdraw.execute(orderNo, { amount: body.amount }, principal);
  }

  @Get('withdrawals')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'Withdrawals, newest first (a seller sees its own)' })
  @ApiOkResponse({ type: [WithdrawalDto] })
  async list(@Query() q: WithdrawalsQueryDto, @CurrentPrincipal() principal: Principal): Promise<WithdrawalDto[]> {
    return this.queries.withdrawals(principal, { sellerId: q.sellerId, orderNo: q.orderNo, status: q.status });
  }

  @Get('balances')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'Ledger balances per seller and currency: unassociated, under review, credited, withdrawing, withdrawn, refunded, fees' })
  @ApiOkResponse({ type: [BalanceDto] })
  async balances(@Query() q: BalancesQueryDto, @CurrentPrincipal() principal: Principal): Promise<BalanceDto[]> {
    return this.queries.balances(principal, q.sellerId);
  }

  @Get('sellers/:sellerId/funds-settings')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'Funds settings of a seller, and a change waiting for a second finance person' })
  @ApiOkResponse({ type: FundsSettingsViewDto })
  async getSettings(@Param('sellerId', ParseUUIDPipe) sellerId: string, @CurrentPrincipal() principal: Principal): Promise<FundsSettingsViewDto> {
    if (principal.role === 'seller' && principal.sellerId !== sellerId) throw new DomainError('FUNDS.SELLER_NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
    return fundsSettingsView(this.orm.em.fork(), sellerId);
  }

  @Put('sellers/:sellerId/funds-settings')
  @HttpCode(200)
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'Funds settings of a seller: automatic withdrawal on or off. The seller\'s own change applies at once; a change by finance or an admin waits (pendingChange) until a second finance person sends the same change (four eyes)' })
  @ApiOkResponse({ type: FundsSettingsViewDto })
  @ApiForbiddenResponse({ description: 'FUNDS.FORBIDDEN, FOUR_EYES.SAME_PERSON, FOUR_EYES.FINANCE_ONLY' })
  @ApiConflictResponse({ description: 'FOUR_EYES.DIFFERENT_REQUEST' })
  async updateSettings(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Body() body: FundsSettingsDto, @CurrentPrincipal() principal: Principal): Promise<FundsSettingsViewDto> {
    return this.settings.execute(sellerId, body, principal);
  }
}
