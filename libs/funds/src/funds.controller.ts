import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { orderNoPipe } from '@ereceipt/orders';
import { BalanceDto, BalancesQueryDto, FundsSettingsDto, RemittanceReturnedDto, ReturnRemittanceDto, WithdrawalCreatedDto, WithdrawalDto, WithdrawalRequestDto, WithdrawalsQueryDto } from './funds.dto';
import { FundsQueries } from './funds.query';
import { RequestWithdrawal } from './request-withdrawal.usecase';
import { ReturnRemittance } from './return-remittance.usecase';
import { UpdateFundsSettings } from './update-funds-settings.usecase';

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

  @Put('sellers/:sellerId/funds-settings')
  @HttpCode(200)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Funds settings of a seller: automatic withdrawal on or off' })
  @ApiOkResponse({ type: FundsSettingsDto })
  async updateSettings(@Param('sellerId', ParseUUIDPipe) sellerId: string, @Body() body: FundsSettingsDto, @CurrentPrincipal() principal: Principal): Promise<FundsSettingsDto> {
    const { autoWithdrawal } = await this.settings.execute(sellerId, body, principal);
    return { autoWithdrawal };
  }
}
