import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsNumber, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { exportMethods, type ExportMethod, incoterms, type Incoterm, milestoneKinds, type MilestoneKind } from './order-status.rules';

/*
 * Shapes only: types and lengths. The values (positive, minor digits, sums, dates, codes) are
 * checked by order-draft.rules.ts, which answers 400 naming the field as `lines[1].unitPrice`.
 */
export class BuyerDto {
  @ApiProperty({ example: 'ACME TRADING LLC' }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'ap@acme.example' }) @IsString() @MaxLength(254) email!: string;
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' }) @IsString() country!: string;
}

export class OrderLineDto {
  @ApiProperty({ example: 'LED panel' }) @IsString() @MaxLength(300) name!: string;
  @ApiPropertyOptional({ type: String, example: 'LP-60', nullable: true }) @IsOptional() @IsString() @MaxLength(100) sku?: string | null;
  @ApiPropertyOptional({ type: String, example: '940542', nullable: true }) @IsOptional() @IsString() @MaxLength(20) hsCode?: string | null;
  @ApiProperty({ example: 500, description: 'a positive whole number' }) @IsNumber() quantity!: number;
  @ApiProperty({ example: 'PCS' }) @IsString() @MaxLength(20) unit!: string;
  @ApiProperty({ example: '12.40', description: 'decimal string, positive, at most the currency\'s minor digits (so line totals are exact)' }) @IsString() unitPrice!: string;
}

export class MilestoneInputDto {
  @ApiProperty({ enum: milestoneKinds }) @IsString() kind!: MilestoneKind;
  @ApiProperty({ example: '1860.00' }) @IsString() amount!: string;
  @ApiProperty({ example: '2026-12-01', format: 'date' }) @IsString() dueDate!: string;
  @ApiProperty({ description: 'due before shipment (counts towards what may be withdrawn before the goods ship)' }) @IsBoolean() preShipment!: boolean;
}

/** The editable content of an order (`PATCH /orders/{orderNo}`: every field optional). */
export class PatchOrderDto {
  @ApiPropertyOptional({ type: BuyerDto }) @IsOptional() @ValidateNested() @Type(() => BuyerDto) buyer?: BuyerDto;
  @ApiPropertyOptional({ example: 'USD' }) @IsOptional() @IsString() currency?: string;
  @ApiPropertyOptional({ type: [OrderLineDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines?: OrderLineDto[];
  @ApiPropertyOptional({ type: [MilestoneInputDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => MilestoneInputDto) milestones?: MilestoneInputDto[];
  @ApiPropertyOptional({ enum: incoterms }) @IsOptional() @IsString() incoterm?: Incoterm;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-20' }) @IsOptional() @IsString() expectedShipDate?: string;
  @ApiPropertyOptional({ enum: exportMethods }) @IsOptional() @IsString() exportMethod?: ExportMethod;
}

/** `POST /orders` (docs/contract.md "Order"). */
export class CreateOrderDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'admin only: the seller the order is for (a seller token drafts for itself)' }) @IsOptional() @IsUUID() sellerId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the seller\'s own id for the order (unique per seller)' }) @IsOptional() @IsString() @MaxLength(100) externalOrderId?: string | null;
  @ApiProperty({ type: BuyerDto }) @ValidateNested() @Type(() => BuyerDto) buyer!: BuyerDto;
  @ApiProperty({ example: 'USD' }) @IsString() currency!: string;
  @ApiProperty({ type: [OrderLineDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines!: OrderLineDto[];
  @ApiProperty({ type: [MilestoneInputDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => MilestoneInputDto) milestones!: MilestoneInputDto[];
  @ApiProperty({ enum: incoterms }) @IsString() incoterm!: Incoterm;
  @ApiProperty({ format: 'date', example: '2026-12-20' }) @IsString() expectedShipDate!: string;
  @ApiProperty({ enum: exportMethods }) @IsString() exportMethod!: ExportMethod;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'buyer withdrew' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}
