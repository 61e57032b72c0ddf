import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { orderNoPipe } from '@ereceipt/orders';
import { EvaluationPageDto, EvaluationViewDto, InvitationSentDto, ListEvaluationsQuery, ReplyToEvaluationDto, SupplierScoreDto } from './evaluation.dto';
import { EvaluationQueries } from './evaluations.query';
import { InviteToEvaluate } from './invite-to-evaluate.usecase';
import { ReplyToEvaluation } from './reply-to-evaluation.usecase';

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller()
export class EvaluationsController {
  constructor(
    private readonly invite: InviteToEvaluate,
    private readonly reply: ReplyToEvaluation,
    private readonly queries: EvaluationQueries,
  ) {}

  @Post('orders/:orderNo/evaluation-invitations')
  @HttpCode(202)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'E-mail the buyer an invitation to evaluate a completed order (a signed link to the evaluation page); within 30 days after completion, rate-limited' })
  @ApiAcceptedResponse({ type: InvitationSentDto, description: 'queued; the mail relay delivers it' })
  @ApiNotFoundResponse({ description: 'no such order (or not this seller\'s)' })
  @ApiConflictResponse({ description: 'EVALUATIONS.ORDER_NOT_COMPLETED, EVALUATIONS.ALREADY_EVALUATED, EVALUATIONS.WINDOW_CLOSED (the message says when it closed) or EVALUATIONS.INVITATION_LIMIT' })
  @ApiTooManyRequestsResponse({ description: 'EVALUATIONS.INVITATION_RATE_LIMITED; Retry-After says when the next may go' })
  async sendInvitation(@Param('orderNo', orderNoPipe) orderNo: string, @CurrentPrincipal() principal: Principal): Promise<InvitationSentDto> {
    return this.invite.execute(orderNo, principal);
  }

  @Post('evaluations/:id/reply')
  @HttpCode(200)
  @Roles('seller')
  @ApiOperation({ summary: 'The evaluated seller replies to an evaluation, once; publishes ereceipt.evaluation.replied.v1' })
  @ApiOkResponse({ type: EvaluationViewDto })
  @ApiNotFoundResponse({ description: 'no such evaluation (or not this seller\'s)' })
  @ApiConflictResponse({ description: 'EVALUATIONS.ALREADY_REPLIED' })
  async replyTo(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReplyToEvaluationDto, @CurrentPrincipal() principal: Principal): Promise<EvaluationViewDto> {
    return this.reply.execute(id, { text: body.text }, principal);
  }

  @Get('suppliers/:sellerId/score')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: "A supplier's score as last published: averages over the whole history (2 decimals, ROUND_HALF_EVEN), the count, positive evaluations in the last 180 days and the positive rate" })
  @ApiOkResponse({ type: SupplierScoreDto })
  @ApiNotFoundResponse({ description: 'no such supplier (or another seller\'s, for a seller token)' })
  async score(@Param('sellerId', new ParseUUIDPipe()) sellerId: string, @CurrentPrincipal() principal: Principal): Promise<SupplierScoreDto> {
    return this.queries.score(sellerId, principal);
  }

  @Get('suppliers/:sellerId/evaluations')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: "A supplier's evaluations, newest first, with the replies; keyset pages (`limit`, `cursor`)" })
  @ApiOkResponse({ type: EvaluationPageDto })
  @ApiNotFoundResponse()
  async evaluations(@Param('sellerId', new ParseUUIDPipe()) sellerId: string, @Query() query: ListEvaluationsQuery, @CurrentPrincipal() principal: Principal): Promise<EvaluationPageDto> {
    return this.queries.list(sellerId, query, principal);
  }
}
