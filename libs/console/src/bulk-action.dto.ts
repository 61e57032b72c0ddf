import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { BULK_LIMIT, bulkActions, type BulkActionName } from './bulk-action.usecase';

/** Body of `POST /remittances/bulk-actions`. */
export class BulkActionDto {
  @ApiProperty({ enum: bulkActions, description: '`return` to the payer less the fee; `associate` each whole remittance with `orderNo`; `accept-suggestion`: the engine\'s one suggestion; `approve` each one\'s proposed association (the second pair of eyes)' })
  @IsIn([...bulkActions]) action!: BulkActionName;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_LIMIT, description: 'the selected remittances; each is handled on its own, in this order' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BULK_LIMIT) @IsUUID('all', { each: true }) remittanceIds!: string[];

  @ApiPropertyOptional({ example: 'EO-2026-000123', description: 'for `associate`: the order (of the remittances\' seller and currency)' })
  @IsOptional() @Matches(/^[A-Za-z0-9-]{1,32}$/, { message: 'orderNo must be an order number' }) orderNo?: string;
}

export class BulkRowResultDto {
  @ApiProperty({ format: 'uuid' }) remittanceId!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ enum: ['PROPOSED', 'ASSOCIATED', 'FIRST_APPROVAL', 'RETURN_AWAITING_SECOND_APPROVAL', 'RETURN_REQUESTED', 'REFUSED'], description: 'PROPOSED / FIRST_APPROVAL / RETURN_AWAITING_SECOND_APPROVAL wait for a second finance person (four eyes)' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, example: 'FOUR_EYES.SAME_PERSON', description: 'the refusal\'s error code' }) code!: string | null;
  @ApiProperty({ example: 'proposed: EO-2026-000123 612.34; a second finance person approves it' }) message!: string;
}

export class BulkActionResultDto {
  @ApiProperty({ type: [BulkRowResultDto], description: 'one result per remittance, in the order given' }) results!: BulkRowResultDto[];
  @ApiProperty({ example: 3 }) succeeded!: number;
  @ApiProperty({ example: 1 }) refused!: number;
}
