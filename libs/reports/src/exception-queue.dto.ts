import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { queueCategories, type QueueCategory, type QueueOrder, type QueueSort, queueSorts } from './exception-queue.rules';
import { remittanceCategories } from './reconciliation-report';

const AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;

/** Query of `GET /exceptions` (issue 22 §5): a keyset page of the exception queue, sorted and searched. */
export class ExceptionQueueQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day (UTC) of receipt; default: 89 days before `to`' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day YYYY-MM-DD' }) from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day (UTC), inclusive; default: today; at most 366 days after from' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day YYYY-MM-DD' }) to?: string;

  @ApiPropertyOptional({ enum: queueCategories, default: 'waiting', description: '`waiting`: what waits for a person (unmatched, suggested, under review, follow-up, identity conflict, inconsistent); `associated`: auto and by hand; `all`: every original; or one state of libs/reports/README.md' })
  @IsOptional() @IsIn([...queueCategories]) category?: QueueCategory;

  @ApiPropertyOptional({ enum: queueSorts, default: 'age', description: '`age`: by receipt; `amount`; `currency` then receipt. Ties by id' })
  @IsOptional() @IsIn([...queueSorts]) sort?: QueueSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest (smallest, A) first' })
  @IsOptional() @IsIn(['asc', 'desc']) order?: QueueOrder;

  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page (same sort and order); absent for the first page' })
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' }) currency?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'ignored for a seller: a seller sees only its own' })
  @IsOptional() @IsUUID() sellerId?: string;

  @ApiPropertyOptional({ example: '612.34', description: 'exact amount (`612.34`) or a range with both ends included (`600..700`, `600..`, `..700`); compared as decimals, no thousands separator' })
  @IsOptional() @Matches(/^(\d{1,15}(\.\d{1,6})?)?(\.\.(\d{1,15}(\.\d{1,6})?)?)?$/, { message: 'amount must be like 612.34 or 600..700' }) amount?: string;

  @ApiPropertyOptional({ example: '600', description: 'lowest amount, included (when `amount` is absent)' })
  @IsOptional() @Matches(AMOUNT, { message: 'amountMin must be an amount such as 600 or 600.50' }) amountMin?: string;

  @ApiPropertyOptional({ example: '700', description: 'highest amount, included (when `amount` is absent)' })
  @IsOptional() @Matches(AMOUNT, { message: 'amountMax must be an amount such as 700 or 700.50' }) amountMax?: string;

  @ApiPropertyOptional({ example: 'lantern', description: 'part of the payer\'s name or account, any case' })
  @IsOptional() @IsString() @MaxLength(140) payer?: string;

  @ApiPropertyOptional({ example: 'REF-1', description: 'part of the bank reference, end-to-end id, related reference or remittance information, or the exact UETR' })
  @IsOptional() @IsString() @MaxLength(140) reference?: string;

  @ApiPropertyOptional({ example: 'EO-2026-000123', description: 'an order the remittance is or was associated with, quotes in its remittance information, or has as a candidate of the engine' })
  @IsOptional() @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'orderNo must be an order number' }) orderNo?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: 'waiting at least this many whole days' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) minAgeDays?: number;
}

export class ExceptionQueueRowDto {
  @ApiProperty({ format: 'uuid' }) remittanceId!: string;
  @ApiProperty() messageRef!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ example: '2026-11-30' }) valueDate!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '612.34', description: 'decimal string with the currency\'s minor digits' }) amount!: string;
  @ApiProperty({ type: String, nullable: true }) payerName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) sellerId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the seller\'s legal name' }) sellerName!: string | null;
  @ApiProperty({ example: 'PENDING_ASSOCIATION' }) status!: string;
  @ApiProperty({ enum: remittanceCategories }) category!: string;
  @ApiProperty({ type: String, nullable: true, example: 'MATCHING.AMBIGUOUS_AMOUNT', description: 'the engine\'s reason code (libs/matching/README.md)' }) reason!: string | null;
  @ApiProperty({ example: 3, description: 'whole UTC days from receipt to the as-of day' }) ageDays!: number;
}

export class ExceptionQueuePageDto {
  @ApiProperty({ type: [ExceptionQueueRowDto] }) rows!: ExceptionQueueRowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` (with the same sort and order) for the next page; null on the last page' }) nextCursor!: string | null;
  @ApiProperty({ example: 5000, description: 'rows matching the request (without the cursor), counted up to 100,000' }) total!: number;
  @ApiProperty({ description: 'true when there are more than `total`' }) totalCapped!: boolean;
}
