import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { assertLink, signedToken } from '@ereceipt/notifications';
import { canonicalOrderNo } from '@ereceipt/orders';
import { DecideRefund } from './decide-refund.usecase';
import { OpenRefund } from './open-refund.usecase';
import { RefundMessages } from './post-refund-message.usecase';
import { buyerSide, type RefundActor } from './refund-actor';
import { OpenRefundDto, RefundDecidedDto, RefundDecisionDto, RefundMessageDto, RefundOpenedDto, RefundViewDto } from './refunds.dto';

/** The refund portal, buyer side: the signed link of the order (`t`, query or body), no account (JSON). */
@ApiTags('buyer')
@Public()
@ApiQuery({ name: 't', required: false, description: 'the signed token of the order link' })
@ApiUnauthorizedResponse({ description: 'LINK.MALFORMED, LINK.TAMPERED or LINK.EXPIRED' })
@ApiForbiddenResponse({ description: 'LINK.WRONG_ORDER or LINK.WRONG_PURPOSE' })
@Controller('buyer/orders/:orderNo/refunds')
export class BuyerRefundsController {
  constructor(
    private readonly open: OpenRefund,
    private readonly decide: DecideRefund,
    private readonly messages: RefundMessages,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  private buyer(rawOrderNo: string, req: Request, body: unknown): { orderNo: string; by: RefundActor } {
    const orderNo = canonicalOrderNo(rawOrderNo);
    assertLink(signedToken(req, body), { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
    return { orderNo, by: buyerSide(orderNo) };
  }

  @Post()
  @ApiOperation({ summary: 'The buyer opens a refund: an amount up to what is paid and not withdrawn nor refunded, and a reason; the seller accepts or rejects it' })
  @ApiCreatedResponse({ type: RefundOpenedDto })
  async create(@Param('orderNo') rawOrderNo: string, @Body() body: OpenRefundDto, @Req() req: Request): Promise<RefundOpenedDto> {
    const { orderNo, by } = this.buyer(rawOrderNo, req, body);
    return this.open.execute(orderNo, { amount: body.amount, reason: body.reason }, by);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer accepts a refund the seller opened' })
  @ApiOkResponse({ type: RefundDecidedDto })
  async accept(@Param('orderNo') rawOrderNo: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: RefundDecisionDto, @Req() req: Request): Promise<RefundDecidedDto> {
    return this.decide.execute(id, true, this.buyer(rawOrderNo, req, body).by, body.note ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer rejects a refund the seller opened' })
  @ApiOkResponse({ type: RefundDecidedDto })
  async reject(@Param('orderNo') rawOrderNo: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: RefundDecisionDto, @Req() req: Request): Promise<RefundDecidedDto> {
    return this.decide.execute(id, false, this.buyer(rawOrderNo, req, body).by, body.note ?? null);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'A message to the seller about the refund' })
  @ApiCreatedResponse({ type: RefundViewDto })
  async message(@Param('orderNo') rawOrderNo: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: RefundMessageDto, @Req() req: Request): Promise<RefundViewDto> {
    return this.messages.post(id, body.body, this.buyer(rawOrderNo, req, body).by);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The refund with its messages' })
  @ApiOkResponse({ type: RefundViewDto })
  async get(@Param('orderNo') rawOrderNo: string, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<RefundViewDto> {
    return this.messages.get(id, this.buyer(rawOrderNo, req, undefined).by);
  }
}
