import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { shipmentStatuses, type ShipmentStatus, trackingEventTypes } from './tracking.rules';

/*
 * Shapes only; the values (quantities left, required parts per export method, decimals, dates) are
 * checked by shipment-input.rules.ts, which answers 400 naming the field (`items[0].quantity`).
 */
export class ShipmentItemInputDto {
  @ApiProperty({ example: 0, description: '0-based index of the order line' }) @IsInt() line!: number;
  @ApiProperty({ example: 200, description: 'a positive whole number, at most what is left to ship of the line' }) @IsInt() quantity!: number;
  @ApiPropertyOptional({ type: String, example: '940542', description: 'HS code for the customs declaration; defaults to the order line\'s' }) @IsOptional() @IsString() @MaxLength(20) hsCode?: string | null;
}

export class LogisticsInputDto {
  @ApiProperty({ example: 'MAERSK' }) @IsString() @MaxLength(200) carrier!: string;
  @ApiPropertyOptional({ type: String, example: 'MSKU1234567', description: 'tracking number (or give blNo)' }) @IsOptional() @IsString() @MaxLength(200) trackingNo?: string | null;
  @ApiPropertyOptional({ type: String, example: 'MAEU123456789', description: 'bill of lading number (or give trackingNo)' }) @IsOptional() @IsString() @MaxLength(200) blNo?: string | null;
  @ApiProperty({ example: '2026-12-18', format: 'date' }) @IsString() shipDate!: string;
}

export class CustomsInputDto {
  @ApiProperty({ example: '310420261000123456' }) @IsString() @MaxLength(100) declarationNo!: string;
  @ApiProperty({ example: '2480.00', description: 'decimal string, at most the currency\'s minor digits' }) @IsString() declaredValue!: string;
  @ApiProperty({ example: 'USD' }) @IsString() currency!: string;
  @ApiProperty({ example: 'CNNGB', description: 'port of export' }) @IsString() @MaxLength(100) port!: string;
}

export class ExportBillInputDto {
  @ApiPropertyOptional({ type: String, example: 'OSB-2026-0001', description: 'an existing one-stop export bill' }) @IsOptional() @IsString() @MaxLength(100) billNo?: string | null;
  @ApiPropertyOptional({ description: 'ask the one-stop export service to draft a bill (ereceipt.export-bill.draft-requested.v1)' }) @IsOptional() @IsBoolean() requestDraft?: boolean;
}

/** `POST /orders/{orderNo}/shipments`. */
export class CreateShipmentDto {
  @ApiProperty({ type: [ShipmentItemInputDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ShipmentItemInputDto) items!: ShipmentItemInputDto[];
  @ApiPropertyOptional({ type: LogisticsInputDto, description: 'required for SELF_EXPORT; optional for ONE_STOP_EXPORT' }) @IsOptional() @ValidateNested() @Type(() => LogisticsInputDto) logistics?: LogisticsInputDto;
  @ApiPropertyOptional({ type: CustomsInputDto, description: 'required for SELF_EXPORT; not for ONE_STOP_EXPORT' }) @IsOptional() @ValidateNested() @Type(() => CustomsInputDto) customs?: CustomsInputDto;
  @ApiPropertyOptional({ type: ExportBillInputDto, description: 'required for ONE_STOP_EXPORT: billNo or requestDraft' }) @IsOptional() @ValidateNested() @Type(() => ExportBillInputDto) exportBill?: ExportBillInputDto;
}

export class TrackingEventViewDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: trackingEventTypes }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() trackingNo!: string;
  @ApiProperty() carrier!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) customs!: Record<string, unknown> | null;
}

export class AmountDto {
  @ApiProperty({ example: '2480.00' }) amount!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

export class ExportBillViewDto {
  @ApiProperty({ type: String, nullable: true, description: 'null while a drafted bill is awaited' }) billNo!: string | null;
  @ApiProperty({ example: 'DECLARED', description: 'REQUESTED (draft awaited), ASSOCIATED (number given, no answer yet), else the one-stop service\'s status' }) status!: string;
  @ApiProperty({ type: String, nullable: true }) declaredValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) declaredAt!: string | null;
}

export class RateUsedDto {
  @ApiProperty({ example: '0.1408', description: '1 declared currency = rate order currency' }) rate!: string;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'published the other way round and inverted' }) inverted!: boolean;
}

export class ShipmentViewDto {
  @ApiProperty({ example: 'EO-2026-000123-S1' }) shipmentNo!: string;
  @ApiProperty({ enum: ['SELF_EXPORT', 'ONE_STOP_EXPORT'] }) exportMethod!: 'SELF_EXPORT' | 'ONE_STOP_EXPORT';
  @ApiProperty({ enum: shipmentStatuses, description: 'the furthest milestone reached; never goes back' }) status!: ShipmentStatus;
  @ApiProperty({ description: 'an EXCEPTION happened after the latest progress' }) exceptionOpen!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastEventAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'date-time' }, description: 'earliest reported time of each milestone reached' }) milestones!: Record<string, string | undefined>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) items!: Array<{ line: number; sku: string | null; name: string; hsCode: string | null; quantity: number }>;
  @ApiProperty({ type: LogisticsInputDto, nullable: true }) logistics!: { carrier: string; trackingNo: string | null; blNo: string | null; shipDate: string } | null;
  @ApiProperty({ type: String, nullable: true, description: 'the number logistics events are matched on' }) trackingNo!: string | null;
  @ApiProperty({ type: CustomsInputDto, nullable: true }) customs!: { declarationNo: string; declaredValue: string; currency: string; port: string } | null;
  @ApiProperty({ type: ExportBillViewDto, nullable: true, description: 'ONE_STOP_EXPORT only' }) exportBill!: ExportBillViewDto | null;
  @ApiProperty({ type: AmountDto, nullable: true, description: 'declared goods value in its own currency' }) declared!: AmountDto | null;
  @ApiProperty({ type: [TrackingEventViewDto], description: 'tracking history, by time it happened' }) history!: TrackingEventViewDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DeclaredPartDto {
  @ApiProperty() shipmentNo!: string;
  @ApiProperty({ enum: ['CUSTOMS_DECLARATION', 'EXPORT_BILL'] }) source!: 'CUSTOMS_DECLARATION' | 'EXPORT_BILL';
  @ApiProperty({ type: AmountDto }) declared!: AmountDto;
  @ApiProperty({ type: String, nullable: true, description: 'in the order currency; null when no rate is known (never guessed)' }) converted!: string | null;
  @ApiProperty({ type: RateUsedDto, nullable: true, description: 'the rate used; null for the same currency or when none was in force' }) rate!: RateUsedDto | null;
}

export class DeclaredGoodsValueDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '6200.00', description: 'sum of the converted declared values, in the order currency' }) amount!: string;
  @ApiProperty({ description: 'false while a declared value could not be converted (no rate) or a requested bill has no value yet' }) complete!: boolean;
  @ApiProperty({ type: [DeclaredPartDto] }) parts!: DeclaredPartDto[];
  @ApiProperty({ type: [DeclaredPartDto], description: 'declared values left out of `amount` because no rate was in force' }) unconverted!: DeclaredPartDto[];
  @ApiProperty({ type: [String], description: 'shipments whose bill value is still awaited' }) awaiting!: string[];
}

export class FulfillmentFlagDto {
  @ApiProperty({ enum: ['SHIP_DATE_MISSED'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) clearedAt!: string | null;
  @ApiProperty({ description: 'open flags hold crediting' }) open!: boolean;
}

export class OrderLineProgressDto {
  @ApiProperty() line!: number;
  @ApiProperty() ordered!: number;
  @ApiProperty() shipped!: number;
  @ApiProperty() left!: number;
}

export class OrderShipmentsDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty({ enum: ['SELF_EXPORT', 'ONE_STOP_EXPORT'] }) exportMethod!: string;
  @ApiProperty({ enum: ['NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED'] }) fulfilmentStatus!: string;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] }) lifecycleStatus!: string;
  @ApiProperty({ type: [OrderLineProgressDto] }) lines!: OrderLineProgressDto[];
  @ApiProperty({ type: [ShipmentViewDto] }) shipments!: ShipmentViewDto[];
  @ApiProperty({ type: [TrackingEventViewDto], description: 'events of this order whose tracking number no shipment carries yet' }) unattachedEvents!: TrackingEventViewDto[];
  @ApiProperty({ type: DeclaredGoodsValueDto }) declaredGoodsValue!: DeclaredGoodsValueDto;
  @ApiProperty({ type: [FulfillmentFlagDto] }) flags!: FulfillmentFlagDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receiptConfirmedAt!: string | null;
}

export class ReceiptConfirmationDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
  @ApiProperty() alreadyConfirmed!: boolean;
  @ApiProperty({ description: 'the order completed (it was fully paid)' }) completed!: boolean;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] }) lifecycleStatus!: string;
}
