import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { BulkActionDto, BulkActionResultDto } from './bulk-action.dto';
import { BulkRemittanceAction } from './bulk-action.usecase';

@ApiTags('matching')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('remittances/bulk-actions')
export class BulkActionController {
  constructor(private readonly bulk: BulkRemittanceAction) {}

  @Post()
  @HttpCode(200)
  @Roles('finance', 'admin')
  @ApiOperation({ summary: 'Return, associate, accept the suggestion of, or approve a selection of remittances in one call: each goes through the single action\'s use case (own transaction, audit rows, four eyes) and gets its own result; a refusal does not stop the others' })
  @ApiOkResponse({ type: BulkActionResultDto, description: 'per-remittance results (200 even when some are refused)' })
  @ApiBadRequestResponse({ description: 'no selection, more than 200, or `associate` without `orderNo`' })
  async run(@Body() body: BulkActionDto, @CurrentPrincipal() principal: Principal): Promise<BulkActionResultDto> {
    const results = await this.bulk.execute(body.action, body.remittanceIds, principal, { orderNo: body.orderNo ?? null });
    return { results, succeeded: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
  }
}
