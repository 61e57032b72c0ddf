import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { erpSyncOutcomes, type ErpSyncOutcome } from './erp-order-sync.entities';

/** Filters of `GET /erp-orders/sync-log`, newest first. A seller token sees only its own. */
export class ErpSyncLogQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'ignored for a seller token' }) @IsOptional() @IsUUID() sellerId?: string;
  @ApiPropertyOptional({ description: 'the ERP\'s order id' }) @IsOptional() @IsString() @MaxLength(100) externalOrderId?: string;
  @ApiPropertyOptional({ enum: erpSyncOutcomes }) @IsOptional() @IsIn([...erpSyncOutcomes]) outcome?: ErpSyncOutcome;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** One `erp.orders` message that reached the hub's use case, and what became of it. */
export class ErpSyncEntryDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty() externalOrderId!: string;
  @ApiProperty({ description: 'the version the ERP sent (a bigint, as a string)', example: '3' }) version!: string;
  @ApiProperty({ enum: ['UPSERT', 'CANCEL'] }) action!: 'UPSERT' | 'CANCEL';
  @ApiProperty() submit!: boolean;
  @ApiProperty({ enum: erpSyncOutcomes, description: 'APPLIED; DUPLICATE (that version was already applied) or STALE (older than the applied one): both ignored' }) outcome!: ErpSyncOutcome;
  @ApiProperty({ description: 'the version applied after this message', example: '3' }) appliedVersion!: string;
  @ApiProperty({ type: String, nullable: true, example: 'EO-2026-000123' }) orderNo!: string | null;
  @ApiProperty({ example: 'updated: expectedShipDate' }) detail!: string;
  @ApiProperty({ enum: ['json', 'xml'] }) format!: 'json' | 'xml';
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class ErpSyncLogDto {
  @ApiProperty({ type: [ErpSyncEntryDto] }) items!: ErpSyncEntryDto[];
}
