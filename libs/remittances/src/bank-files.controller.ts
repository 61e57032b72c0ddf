import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { BankFileQuery, BankFileResultDto } from './bank-file.dto';
import { IngestBankFile, type IngestResult } from './ingest-bank-file.usecase';

const FILE_TYPES = ['application/octet-stream', 'text/plain', 'text/csv', 'application/xml'];

@ApiTags('bank-files')
@ApiBearerAuth()
@Controller('bank-files')
export class BankFilesController {
  constructor(private readonly ingest: IngestBankFile) {}

  @Post()
  @Roles('connector')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Upload a bank file (MT103, camt.054/053, CSV): the same path as the bank topics', description: 'Idempotent on the SHA-256 of the bytes. An unusable file answers 400 with the connector issues in `details`.' })
  @ApiConsumes(...FILE_TYPES)
  @ApiBody({ description: 'the file, as sent by the bank', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: BankFileResultDto, description: 'the file was processed' })
  @ApiOkResponse({ type: BankFileResultDto, description: 'the same bytes were received before: the original result, `duplicate: true`' })
  @ApiBadRequestResponse({ description: 'format not given and not recognisable, empty body, or an unusable file (issues in `details`)' })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse({ description: 'only the `connector` role may upload' })
  @ApiPayloadTooLargeResponse({ description: 'over BANK_FILE_MAX_BYTES' })
  async upload(@Body() body: unknown, @Query() query: BankFileQuery, @Headers('file-name') headerFileName: string | undefined, @Res({ passthrough: true }) res: Response): Promise<IngestResult> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainError('BANK_FILE.NO_BODY', `send the file as the request body with content-type ${FILE_TYPES.join(', ')}`);
    }
    const fileName = query['file-name'] ?? headerFileName;
    const result = await this.ingest.execute({ bytes: body, format: query.format, profile: query.profile, fileName });
    if (result.duplicate) res.status(HttpStatus.OK);
    return result;
  }
}
