import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiSeeOtherResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { assertLink } from '@ereceipt/notifications';
import { formatOrderNumber, parseOrderNumber } from '../order-number.rules';
import { BuyerOrderViewDto, PaymentConfirmationDto } from './buyer-order-view.dto';
import { renderBuyerErrorPage, renderBuyerOrderPage } from './buyer-order.page';
import { BuyerOrderQuery } from './buyer-order.query';
import { ConfirmPaymentInfo } from './confirm-payment-info.usecase';

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409 };

/**
 * The buyer's side, reached only through the signed link in the payment reminder (no account, no
 * bearer token). The same URL answers HTML for a browser and JSON for `Accept: application/json`.
 * Pages are never cached and never leak the link in a Referer.
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
  async page(@Param('orderNo') rawOrderNo: string, @Query('t') token: string | undefined, @Query('confirmed') confirmed: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => {
      const orderNo = this.orderNo(rawOrderNo);
      const { expiresAt } = assertLink(token ?? '', { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const view = await this.query.get(orderNo, expiresAt);
      if (wantsJson(req)) return void res.status(200).json(view);
      res.status(200).type('html').send(renderBuyerOrderPage(view, { confirmAction: `${req.baseUrl}${req.path}/payment-confirmation`, token: token ?? '', justConfirmed: confirmed === '1' }));
    });
  }

  @Post(':orderNo/payment-confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer confirms the payment information; records time and source address, publishes ereceipt.order.payment-info-confirmed.v1. The token comes as form field or query `t`. A browser form is redirected back to the page' })
  @ApiOkResponse({ type: PaymentConfirmationDto })
  @ApiSeeOtherResponse({ description: 'form post from the page: back to the page, showing the confirmation' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  async confirm(@Param('orderNo') rawOrderNo: string, @Query('t') queryToken: string | undefined, @Body() body: { t?: unknown } | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => {
      const orderNo = this.orderNo(rawOrderNo);
      const token = typeof body?.t === 'string' ? body.t : (queryToken ?? '');
      assertLink(token, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const result = await this.confirmPaymentInfo.execute(orderNo, {
        address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        forwardedFor: header(req, 'x-forwarded-for'),
        userAgent: header(req, 'user-agent'),
      });
      if (wantsJson(req)) return void res.status(200).json(result);
      // Post/redirect/get: a reload shows the page, it does not post again.
      res.redirect(303, `${req.baseUrl}${req.path.replace(/\/payment-confirmation$/, '')}?t=${encodeURIComponent(token)}&confirmed=1`);
    });
  }

  private orderNo(raw: string): string {
    const parsed = parseOrderNumber(raw);
    if (!parsed) throw new DomainError('ORDERS.NOT_FOUND', `order ${raw} not found`, 'not-found');
    return formatOrderNumber(parsed.year, parsed.sequence);
  }

  /** Browsers get a readable page for errors too; JSON clients get the usual error body (the global filter). */
  private async answer(req: Request, res: Response, work: () => Promise<void>): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    try {
      await work();
    } catch (e) {
      if (!(e instanceof DomainError) || wantsJson(req)) throw e;
      const status = STATUS[e.kind] ?? 400;
      res.status(status).type('html').send(renderBuyerErrorPage(status, e.message));
    }
  }
}

/** `Accept: application/json` first, or a JSON body posted (an API client, not the page's form). */
function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json' || (req.method === 'POST' && req.is('application/json') === 'application/json');
}

function header(req: Request, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? null);
}
