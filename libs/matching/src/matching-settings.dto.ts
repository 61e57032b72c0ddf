import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { reviewPolicies, type ReviewPolicy } from './review-policy.rules';

export class ChargeToleranceDto {
  @ApiProperty({ example: '1', description: 'percent of the amount due, a decimal string from 0 to 10' })
  @IsString()
  @Matches(/^(10(\.0{1,4})?|\d(\.\d{1,4})?)$/, { message: 'chargeTolerance.percent must be a decimal string from 0 to 10 such as "1" or "0.5" (a shortfall above 10 % is not bank charges)' })
  percent!: string;

  @ApiProperty({ example: '50', description: 'currency units, a decimal string; the lower of the two applies' })
  @IsString()
  @Matches(/^\d{1,9}(\.\d{1,4})?$/, { message: 'chargeTolerance.absolute must be a decimal string of currency units such as "50"' })
  absolute!: string;
}

export class MatchingSettingsInputDto {
  @ApiPropertyOptional({ type: ChargeToleranceDto, description: 'bank charges absorbed on a short payment (the seller itself may set it)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChargeToleranceDto)
  chargeTolerance?: ChargeToleranceDto;

  @ApiPropertyOptional({ enum: reviewPolicies, description: 'finance and admin only: ALWAYS sends every association to finance, ONLY_FLAGGED (default) the flagged ones' })
  @IsOptional()
  @IsIn([...reviewPolicies], { message: `reviewPolicy must be one of ${reviewPolicies.join(', ')}` })
  reviewPolicy?: ReviewPolicy;

  @ApiPropertyOptional({ description: 'why (kept in the history)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MatchingSettingsChangeDto {
  @ApiProperty({ type: ChargeToleranceDto }) chargeTolerance!: ChargeToleranceDto;
  @ApiProperty({ enum: reviewPolicies }) reviewPolicy!: ReviewPolicy;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
  @ApiProperty({ example: 'finance:alice' }) changedBy!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class PendingSettingsChangeDto {
  @ApiProperty({ type: ChargeToleranceDto }) chargeTolerance!: ChargeToleranceDto;
  @ApiProperty({ enum: reviewPolicies }) reviewPolicy!: ReviewPolicy;
  @ApiProperty({ example: 'finance:alice@example.com', description: 'who asked; a second, different finance person applies it by sending the same change' }) requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class MatchingSettingsDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ type: ChargeToleranceDto }) chargeTolerance!: ChargeToleranceDto;
  @ApiProperty({ enum: reviewPolicies }) reviewPolicy!: ReviewPolicy;
  @ApiProperty({ description: 'true while the seller has never changed them (docs/domain.md §3 defaults)' }) defaults!: boolean;
  @ApiProperty({ type: [MatchingSettingsChangeDto], description: 'every change, newest first (a replay uses the one in force at each decision)' }) history!: MatchingSettingsChangeDto[];
  @ApiProperty({ type: PendingSettingsChangeDto, nullable: true, description: 'a change by finance or an admin waiting for a second finance person (four eyes)' }) pendingChange!: PendingSettingsChangeDto | null;
}
