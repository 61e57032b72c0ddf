import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiSeeOtherResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { answerSignedPage, assertLink, redirectToPage, requestSource, signedToken, wantsJson } from '@ereceipt/notifications';
import { canonicalOrderNo } from '@ereceipt/orders';
import { parseEvaluationInput } from '../evaluation-input.rules';
import { BuyerEvaluationViewDto, EvaluationViewDto, SubmitEvaluationDto } from '../evaluation.dto';
import { SubmitEvaluation } from '../submit-evaluation.usecase';
import { BuyerEvaluationQuery } from './buyer-evaluation.query';
import { renderEvaluationErrorPage, renderEvaluationPage } from './evaluation.page';

/**
 * The buyer's evaluation page, reached only through the signed link of an evaluation invitation
 * (purpose `evaluation`; a payment-reminder link does not open it). The same URL answers HTML
 * for a browser and JSON for `Accept: application/json`; the form works without JavaScript.
 * Pages are never cached and never leak the link in a Referer.
 */
@ApiTags('buyer')
@Public()
@Controller('buyer/orders')
export class BuyerEvaluationsController {
  constructor(
    private readonly query: BuyerEvaluationQuery,
    private readonly submit: SubmitEvaluation,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get(':orderNo/evaluation')
  @ApiOperation({ summary: 'The evaluation page of a completed order: the form (three 1-5 star ratings and a comment) while the buyer may evaluate, else the evaluation given or why not; HTML for browsers, JSON on Accept: application/json' })
  @ApiQuery({ name: 't', description: 'the signed token from the evaluation invitation link' })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ type: BuyerEvaluationViewDto })
  @ApiUnauthorizedResponse({ description: 'LINK.MALFORMED, LINK.TAMPERED or LINK.EXPIRED' })
  @ApiForbiddenResponse({ description: 'LINK.WRONG_ORDER or LINK.WRONG_PURPOSE (e.g. a payment-reminder link)' })
  @ApiNotFoundResponse()
  async page(@Param('orderNo') rawOrderNo: string, @Query('t') token: string | undefined, @Query('submitted') submitted: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerSignedPage(req, res, async () => {
      const orderNo = canonicalOrderNo(rawOrderNo);
      const { expiresAt } = assertLink(token ?? '', { purpose: 'evaluation', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const view = await this.query.get(orderNo, expiresAt);
      if (wantsJson(req)) return void res.status(200).json(view);
      res.status(200).type('html').send(renderEvaluationPage(view, { action: `${req.baseUrl}${req.path}`, token: token ?? '', justSubmitted: submitted === '1' }));
    }, renderEvaluationErrorPage);
  }

  @Post(':orderNo/evaluation')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'The buyer evaluates the order (once, within 30 days after completion); publishes ereceipt.evaluation.submitted.v1 and updates the supplier score. The token comes as form field or query `t`. A browser form is redirected back to the page',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: SubmitEvaluationDto })
  @ApiCreatedResponse({ type: EvaluationViewDto, description: 'JSON clients' })
  @ApiSeeOtherResponse({ description: 'form post from the page: back to the page, showing the thanks' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse()
  @ApiConflictResponse({ description: 'EVALUATIONS.WINDOW_CLOSED, EVALUATIONS.ALREADY_EVALUATED or EVALUATIONS.ORDER_NOT_COMPLETED, with the reason' })
  async evaluate(@Param('orderNo') rawOrderNo: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerSignedPage(req, res, async () => {
      const orderNo = canonicalOrderNo(rawOrderNo);
      const fields = body ?? {};
      const token = signedToken(req, fields);
      const { expiresAt } = assertLink(token, { purpose: 'evaluation', subject: orderNo, now: new Date() }, this.config.hubSecret);
      const parsed = parseEvaluationInput(fields);
      if (!parsed.ok) {
        if (wantsJson(req)) throw new DomainError('EVALUATIONS.INVALID', parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; '), 'invalid', { issues: parsed.issues });
        // The form again, with the problems and what the buyer had chosen.
        const view = await this.query.get(orderNo, expiresAt);
        return void res.status(400).type('html').send(renderEvaluationPage(view, { action: `${req.baseUrl}${req.path}`, token, issues: parsed.issues, values: fields }));
      }
      const evaluation = await this.submit.execute(orderNo, parsed.value, { address: requestSource(req).address });
      if (wantsJson(req)) return void res.status(201).json(evaluation);
      // Post/redirect/get: a reload shows the page, it does not post again.
      redirectToPage(res, `${req.baseUrl}${req.path}`, token, 'submitted');
    }, renderEvaluationErrorPage);
  }
}
