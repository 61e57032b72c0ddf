import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { BuyerDto } from './order-input.dto';
import { exportMethods, type ExportMethod, fulfilmentStatuses, type FulfilmentStatus, lifecycleStatuses, type LifecycleStatus, milestoneKinds, type MilestoneKind, paymentStatuses, type PaymentStatus } from './order-status.rules';

export class OrderLineViewDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true }) hsCode!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() unit!: string;
  @ApiProperty({ example: '12.40' }) unitPrice!: string;
  @ApiProperty({ example: '6200.00', description: 'quantity x unit price, exact' }) lineTotal!: string;
}

export class MilestoneViewDto {
  @ApiProperty({ enum: milestoneKinds }) kind!: MilestoneKind;
  @ApiProperty({ example: '1860.00' }) amount!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() preShipment!: boolean;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
}

export class OrderTotalsDto {
  @ApiProperty({ example: '6200.00', description: 'sum of the line totals' }) total!: string;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
  @ApiProperty({ example: '6200.00', description: 'total - paid (negative never; overpayment is a credit)' }) outstandingAmount!: string;
}

/** `GET /orders/{orderNo}` (docs/contract.md). */
export class OrderViewDto {
  @ApiProperty({ example: 'EO-2026-000123', description: 'the reference the buyer quotes in the transfer' }) orderNo!: string;
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ type: String, nullable: true }) externalOrderId!: string | null;
  @ApiProperty({ enum: lifecycleStatuses }) lifecycleStatus!: LifecycleStatus;
  @ApiProperty({ enum: paymentStatuses }) paymentStatus!: PaymentStatus;
  @ApiProperty({ enum: fulfilmentStatuses }) fulfilmentStatus!: FulfilmentStatus;
  @ApiProperty({ type: BuyerDto }) buyer!: BuyerDto;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [OrderLineViewDto] }) lines!: OrderLineViewDto[];
  @ApiProperty({ type: [MilestoneViewDto] }) milestones!: MilestoneViewDto[];
  @ApiProperty({ type: OrderTotalsDto }) totals!: OrderTotalsDto;
  @ApiProperty() incoterm!: string;
  @ApiProperty({ format: 'date' }) expectedShipDate!: string;
  @ApiProperty({ enum: exportMethods }) exportMethod!: ExportMethod;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'fully paid and delivered (or receipt confirmed); opens the evaluation window' }) completedAt!: string | null;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto] }) items!: OrderViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}

/** Filters of `GET /orders`, newest first. A seller token sees only its own orders. */
export class ListOrdersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'ignored for a seller token' }) @IsOptional() @IsUUID() sellerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) externalOrderId?: string;
  @ApiPropertyOptional({ enum: lifecycleStatuses }) @IsOptional() @IsIn([...lifecycleStatuses]) lifecycleStatus?: LifecycleStatus;
  @ApiPropertyOptional({ enum: paymentStatuses }) @IsOptional() @IsIn([...paymentStatuses]) paymentStatus?: PaymentStatus;
  @ApiPropertyOptional({ example: 'USD' }) @IsOptional() @IsString() currency?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
