import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { ApproveAssociation } from './approve-association.usecase';
import { AssociateRemittance } from './associate-remittance.usecase';
import { AssociateRemittanceDto, AssociationResultDto, ReviewNoteDto } from './matching.dto';
import { RejectAssociation } from './reject-association.usecase';
import { UnbindAssociation } from './unbind-association.usecase';

const uuid = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new DomainError('MATCHING.BAD_ID', `${name}: must be a uuid`) });

@ApiTags('remittances')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller()
export class MatchingController {
  constructor(
    private readonly associate: AssociateRemittance,
    private readonly unbind: UnbindAssociation,
    private readonly approveAssociation: ApproveAssociation,
    private readonly rejectAssociation: RejectAssociation,
  ) {}

  @Post('remittances/:id/associations')
  @Roles('seller', 'finance', 'admin')
  @ApiOperation({ summary: 'Associate a remittance by hand with orders of one seller and currency' })
  @ApiCreatedResponse({ type: AssociationResultDto })
  @ApiBadRequestResponse({ description: 'a bad allocation (the message names the field)' })
  @ApiNotFoundResponse({ description: 'no such remittance (or not this seller\'s)' })
  @ApiConflictResponse({ description: 'MATCHING.AMOUNT_MISMATCH, MATCHING.ALREADY_ASSOCIATED, MATCHING.ORDER_NOT_OPEN, MATCHING.CURRENCY_MISMATCH, ... with the reason' })
  async create(@Param('id', uuid('id')) id: string, @Body() body: AssociateRemittanceDto, @CurrentPrincipal() principal: Principal): Promise<AssociationResultDto> {
    return this.associate.execute(id, body.allocations, principal);
  }

  @Delete('remittances/:id/associations/:associationId')
  @Roles('seller', 'finance', 'admin')
  @ApiOperation({ summary: 'Unbind an association: the orders no longer count its money' })
  @ApiOkResponse({ type: AssociationResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'MATCHING.NOT_LIVE: already unbound or rejected' })
  async remove(@Param('id', uuid('id')) id: string, @Param('associationId', uuid('associationId')) associationId: string, @CurrentPrincipal() principal: Principal): Promise<AssociationResultDto> {
    const result = await this.unbind.execute(id, associationId, principal);
    return { associationId, status: 'UNBOUND', remittanceStatus: result.remittanceStatus };
  }

  @Post('associations/:id/approve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Approve a proposed association (finance): the funds become credited' })
  @ApiOkResponse({ type: AssociationResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'MATCHING.NOT_PROPOSED' })
  async approve(@Param('id', uuid('id')) id: string, @Body() body: ReviewNoteDto, @CurrentPrincipal() principal: Principal): Promise<AssociationResultDto> {
    const result = await this.approveAssociation.execute(id, principal, body.reason ?? null);
    return { associationId: id, ...result };
  }

  @Post('associations/:id/reject')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Reject a proposed association (finance): its money leaves the orders, the remittance goes to FOLLOW_UP' })
  @ApiOkResponse({ type: AssociationResultDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'MATCHING.NOT_PROPOSED' })
  async reject(@Param('id', uuid('id')) id: string, @Body() body: ReviewNoteDto, @CurrentPrincipal() principal: Principal): Promise<AssociationResultDto> {
    const result = await this.rejectAssociation.execute(id, principal, body.reason ?? null);
    return { associationId: id, ...result };
  }
}
