import { Body, Controller, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiSeeOtherResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { assertLink } from '@ereceipt/notifications';
import { formatOrderNumber, parseOrderNumber } from '@ereceipt/orders';
import { ConfirmReceipt } from './confirm-receipt.usecase';
import { ReceiptConfirmationDto } from './shipments.dto';

/**
 * The buyer confirms receipt through the same signed link as the order page (purpose
 * `buyer-order`): token as form field or query `t`; JSON for API clients, a redirect back to the
 * order page for the browser form (post/redirect/get), errors as JSON (the global filter).
 */
@ApiTags('buyer')
@Public()
@Controller('buyer/orders')
export class BuyerReceiptController {
  constructor(
    private readonly confirmReceipt: ConfirmReceipt,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Post(':orderNo/receipt-confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer confirms receipt of the goods (signed link); a fully paid, fully shipped order completes (ereceipt.order.completed.v1)' })
  @ApiOkResponse({ type: ReceiptConfirmationDto })
  @ApiSeeOtherResponse({ description: 'form post from the page: back to the page' })
  @ApiUnauthorizedResponse({ description: 'LINK.MALFORMED, LINK.TAMPERED or LINK.EXPIRED' })
  @ApiForbiddenResponse({ description: 'LINK.WRONG_ORDER or LINK.WRONG_PURPOSE' })
  @ApiConflictResponse({ description: 'FULFILLMENT.NOT_SHIPPED: not everything has shipped yet' })
  async confirm(@Param('orderNo') rawOrderNo: string, @Query('t') queryToken: string | undefined, @Body() body: { t?: unknown } | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const parsed = parseOrderNumber(rawOrderNo);
    if (!parsed) throw new DomainError('ORDERS.NOT_FOUND', `order ${rawOrderNo} not found`, 'not-found');
    const orderNo = formatOrderNumber(parsed.year, parsed.sequence);
    const token = typeof body?.t === 'string' ? body.t : (queryToken ?? '');
    assertLink(token, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
    const result = await this.confirmReceipt.execute(orderNo, { address: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null });
    const wantsJson = req.accepts(['html', 'json']) === 'json' || req.is('application/json') === 'application/json';
    if (wantsJson) return void res.status(200).json(result);
    res.redirect(303, `${req.baseUrl}${req.path.replace(/\/receipt-confirmation$/, '')}?t=${encodeURIComponent(token)}&received=1`);
  }
}
