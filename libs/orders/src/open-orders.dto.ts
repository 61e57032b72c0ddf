import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /sellers/{sellerId}/open-orders`: the order finder of manual association (issue 22 §5). */
export class OpenOrdersQueryDto {
  @ApiPropertyOptional({ example: 'EUR', description: 'only orders in this currency (a remittance is associated with orders of its own currency)' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' }) currency?: string;

  @ApiPropertyOptional({ example: 'lantern', description: 'part of the buyer\'s name, any case' })
  @IsOptional() @IsString() @MaxLength(140) buyer?: string;

  @ApiPropertyOptional({ example: '612.34', description: 'what the order (or one of its milestones) still owes: exact (`612.34`) or a range with both ends included (`600..700`); compared as decimals' })
  @IsOptional() @Matches(/^(\d{1,15}(\.\d{1,6})?)?(\.\.(\d{1,15}(\.\d{1,6})?)?)?$/, { message: 'amount must be like 612.34 or 600..700' }) amount?: string;

  @ApiPropertyOptional({ example: 'EO-2026', description: 'part of the order number or of the ERP\'s order id' })
  @IsOptional() @IsString() @MaxLength(100) reference?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class OpenOrderMilestoneDto {
  @ApiProperty({ enum: ['DEPOSIT', 'BALANCE'] }) kind!: string;
  @ApiProperty({ example: '700.01' }) amount!: string;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
  @ApiProperty({ example: '700.01', description: 'amount - paidAmount, exact' }) owed!: string;
  @ApiProperty({ example: '2027-01-01' }) dueDate!: string;
}

export class OpenOrderDto {
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ type: String, nullable: true }) externalOrderId!: string | null;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1000.01' }) total!: string;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
  @ApiProperty({ example: '1000.01', description: 'what the order still owes (total - paid), exact, in its currency' }) owed!: string;
  @ApiProperty({ example: 'UNPAID' }) paymentStatus!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [OpenOrderMilestoneDto] }) milestones!: OpenOrderMilestoneDto[];
}

export class OpenOrdersDto {
  @ApiProperty({ type: [OpenOrderDto], description: 'oldest first' }) orders!: OpenOrderDto[];
  @ApiProperty({ description: 'true when more orders match than `limit` (narrow the search)' }) more!: boolean;
}
