import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const AMOUNT = /^\d{1,15}(\.\d{1,3})?$/;
import { remittanceStatuses, type RemittanceStatus } from './remittance.entity';

export const MAX_PAGE = 500;

/** Filters and keyset paging of `GET /remittances`. */
export class ListRemittancesQuery {
  @ApiPropertyOptional({ enum: remittanceStatuses })
  @IsOptional()
  @IsIn([...remittanceStatuses])
  status?: RemittanceStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'ignored for a seller token: a seller sees only its own remittances' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ description: 'the bank reference (MT :20:, camt InstrId/EndToEndId, CSV reference)' })
  @IsOptional()
  @IsString()
  @MaxLength(140)
  messageRef?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  uetr?: string;

  @ApiPropertyOptional({ example: '1000.00', description: 'amount at least (decimal string)' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'minAmount must be a decimal amount such as 1000.00' })
  minAmount?: string;

  @ApiPropertyOptional({ example: '50000.00', description: 'amount at most (decimal string)' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'maxAmount must be a decimal amount such as 50000.00' })
  maxAmount?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'received at least this many hours ago (age in the exception queue)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minAgeHours?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'received at most this many hours ago' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxAgeHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
