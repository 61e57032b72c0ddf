import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiSeeOtherResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { answerSignedPage, assertLink, redirectToPage, requestSource, signedToken, wantsJson } from '@ereceipt/notifications';
import { canonicalOrderNo } from '../order-number.rules';
import { BuyerOrderViewDto, PaymentConfirmationDto } from './buyer-order-view.dto';
import { renderBuyerErrorPage, renderBuyerOrderPage } from './buyer-order.page';
import { BuyerOrderQuery } from './buyer-order.query';
import { ConfirmPaymentInfo } from './confirm-payment-info.usecase';

/**
 * The buyer's side, reached only through the signed link in the payment reminder (no account, no
 * bearer token). The same URL answers HTML for a browser and JSON for `Accept: application/json`.
 * Pages are never cached and never leak the link in a Referer (`answerSignedPage`).
 */
@ApiTags('buyer')
@Public()
@Controller('buyer/orders')
export class BuyerOrdersController {
  constructor(
    private readonly query: BuyerOrderQuery,
    private readonly confirmPaymentInfo: ConfirmPaymentInfo,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get(':orderNo')
  @ApiOperation({ summary: 'The order as the buyer sees it: amounts due, where to pay, the reference; HTML for browsers, JSON on Accept: application/json' })
  @ApiQuery({ name: 't', description: 'the signed token from the payment reminder link' })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ type: BuyerOrderViewDto })
  @ApiUnauthorizedResponse({ description: 'LINK.MALFORMED, LINK.TAMPERED or LINK.EXPIRED' })
  @ApiForbiddenResponse({ description: 'LINK.WRONG_ORDER or LINK.WRONG_PURPOSE: a valid link for another order or action' })
  @ApiNotFoundResponse()
  async page(@Param('orderNo') rawOrderNo: string, @Query('confirmed') confirmed: string | undefined, @Query('received') received: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerSignedPage(req, res, async () => {
      const orderNo = canonicalOrderNo(rawOrderNo);
      const token = signedToken(req, undefined);
      const { expiresAt } = assertLink(token, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const view = await this.query.get(orderNo, expiresAt);
      if (wantsJson(req)) return void res.status(200).json(view);
      const page = `${req.baseUrl}${req.path}`;
      res.status(200).type('html').send(renderBuyerOrderPage(view, { confirmAction: `${page}/payment-confirmation`, receiptAction: `${page}/receipt-confirmation`, token, justConfirmed: confirmed === '1', justReceived: received === '1' }));
    }, renderBuyerErrorPage);
  }

  @Post(':orderNo/payment-confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer confirms the payment information; records time and source address, publishes ereceipt.order.payment-info-confirmed.v1. The token comes as form field or query `t`. A browser form is redirected back to the page' })
  @ApiOkResponse({ type: PaymentConfirmationDto })
  @ApiSeeOtherResponse({ description: 'form post from the page: back to the page, showing the confirmation' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  async confirm(@Param('orderNo') rawOrderNo: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerSignedPage(req, res, async () => {
      const orderNo = canonicalOrderNo(rawOrderNo);
      const token = signedToken(req, body);
      assertLink(token, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const result = await this.confirmPaymentInfo.execute(orderNo, requestSource(req));
      if (wantsJson(req)) return void res.status(200).json(result);
      redirectToPage(res, `${req.baseUrl}${req.path.replace(/\/payment-confirmation$/, '')}`, token, 'confirmed');
    }, renderBuyerErrorPage);
  }
}
