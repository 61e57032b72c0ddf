import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiSeeOtherResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { answerSignedPage, assertLink, redirectToPage, renderSignedErrorPage, requestSource, signedToken, wantsJson } from '@ereceipt/notifications';
import { canonicalOrderNo } from '@ereceipt/orders';
import { ConfirmReceipt } from './confirm-receipt.usecase';
import { ReceiptConfirmationDto } from './shipments.dto';

/**
 * The buyer confirms receipt through the same signed link as the order page (purpose
 * `buyer-order`, its "I received the goods" button): token as form field or query `t`; JSON for
 * API clients, a redirect back to the order page for the browser form (post/redirect/get).
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
  async confirm(@Param('orderNo') rawOrderNo: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerSignedPage(req, res, async () => {
      const orderNo = canonicalOrderNo(rawOrderNo);
      const token = signedToken(req, body);
      assertLink(token, { purpose: 'buyer-order', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const { address, userAgent } = requestSource(req);
      const result = await this.confirmReceipt.execute(orderNo, { address, userAgent });
      if (wantsJson(req)) return void res.status(200).json(result);
      redirectToPage(res, `${req.baseUrl}${req.path.replace(/\/receipt-confirmation$/, '')}`, token, 'received');
    }, (status, message) => renderSignedErrorPage(status, message, 'payment reminder'));
  }
}
