import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { orderNoPipe } from '@ereceipt/orders';
import { ApproveRefund } from './approve-refund.usecase';
import { DecideRefund } from './decide-refund.usecase';
import { OpenRefund } from './open-refund.usecase';
import { RefundMessages } from './post-refund-message.usecase';
import { sellerSide } from './refund-actor';
import { OpenRefundDto, RefundApprovedDto, RefundDecidedDto, RefundDecisionDto, RefundMessageDto, RefundOpenedDto, RefundViewDto } from './refunds.dto';

/** The refund portal, seller side (the seller, or an admin for it). The buyer's side is `BuyerRefundsController`. */
@ApiTags('funds')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller()
export class RefundsController {
  constructor(
    private readonly open: OpenRefund,
    private readonly decide: DecideRefund,
    private readonly messages: RefundMessages,
    private readonly approval: ApproveRefund,
  ) {}

  @Post('orders/:orderNo/refunds')
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Open a refund (seller side): an amount up to what is paid and not withdrawn nor refunded, and a reason; the buyer accepts or rejects it. Withdrawals of the order wait while it is open' })
  @ApiCreatedResponse({ type: RefundOpenedDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'FUNDS.REFUND_EXCEEDS_REFUNDABLE, FUNDS.REFUND_ALREADY_OPEN' })
  async create(@Param('orderNo', orderNoPipe) orderNo: string, @Body() body: OpenRefundDto, @CurrentPrincipal() principal: Principal): Promise<RefundOpenedDto> {
    return this.open.execute(orderNo, { amount: body.amount, reason: body.reason }, sellerSide(principal));
  }

  @Post('refunds/:id/accept')
  @HttpCode(200)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Accept a refund the buyer opened: the money leaves the credited funds and ereceipt.refund.requested.v1 goes to the bank; above FOUR_EYES_ABOVE (default: every amount) the acceptance waits for finance (awaitingApproval, POST /refunds/{id}/approve)' })
  @ApiOkResponse({ type: RefundDecidedDto })
  @ApiConflictResponse({ description: 'FUNDS.REFUND_NOT_OPEN, FUNDS.REFUND_OWN_REQUEST, FUNDS.REFUND_EXCEEDS_REFUNDABLE, FOUR_EYES.AWAITING_APPROVAL' })
  async accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: RefundDecisionDto, @CurrentPrincipal() principal: Principal): Promise<RefundDecidedDto> {
    return this.decide.execute(id, true, sellerSide(principal), body.note ?? null);
  }

  @Post('refunds/:id/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Four eyes: approve a refund acceptance that waits for finance. An acceptance by an admin needs one other finance person; one by the buyer or the seller needs two different finance people. Then the money leaves' })
  @ApiOkResponse({ type: RefundApprovedDto })
  @ApiForbiddenResponse({ description: 'FOUR_EYES.SAME_PERSON' })
  @ApiConflictResponse({ description: 'FUNDS.REFUND_NOT_AWAITING_APPROVAL, FUNDS.REFUND_EXCEEDS_REFUNDABLE' })
  async approve(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RefundApprovedDto> {
    return this.approval.execute(id, principal);
  }

  @Post('refunds/:id/reject')
  @HttpCode(200)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Reject a refund the buyer opened' })
  @ApiOkResponse({ type: RefundDecidedDto })
  @ApiConflictResponse({ description: 'FUNDS.REFUND_NOT_OPEN, FUNDS.REFUND_OWN_REQUEST' })
  async reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RefundDecisionDto, @CurrentPrincipal() principal: Principal): Promise<RefundDecidedDto> {
    return this.decide.execute(id, false, sellerSide(principal), body.note ?? null);
  }

  @Post('refunds/:id/messages')
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'A message to the buyer about the refund' })
  @ApiCreatedResponse({ type: RefundViewDto })
  async message(@Param('id', ParseUUIDPipe) id: string, @Body() body: RefundMessageDto, @CurrentPrincipal() principal: Principal): Promise<RefundViewDto> {
    return this.messages.post(id, body.body, sellerSide(principal));
  }

  @Get('refunds/:id')
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'The refund with its messages' })
  @ApiOkResponse({ type: RefundViewDto })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RefundViewDto> {
    return this.messages.get(id, sellerSide(principal));
  }
}
