import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { AMOUNT_STRING } from '@ereceipt/money';

/** `POST /orders/{orderNo}/withdrawals`; the amount is checked against the order's currency by the use case. */
export class WithdrawalRequestDto {
  @ApiPropertyOptional({ type: String, example: '1860.00', description: 'decimal string; absent = everything the three rules allow' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT_STRING, { message: 'must be a decimal string such as "1860.00": no sign or exponent, at most 15 digits before the point' })
  amount?: string;
}

export class WithdrawalDto {
  @ApiProperty({ format: 'uuid', description: 'also the bank instructionId' }) instructionId!: string;
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '1860.00' }) amount!: string;
  @ApiProperty({ enum: ['REQUESTED', 'COMPLETED', 'FAILED'] }) status!: 'REQUESTED' | 'COMPLETED' | 'FAILED';
  @ApiProperty({ enum: ['MANUAL', 'AUTO'] }) trigger!: 'MANUAL' | 'AUTO';
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankRef!: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason!: string | null;
}

export class WithdrawalCreatedDto {
  @ApiProperty({ format: 'uuid' }) instructionId!: string;
  @ApiProperty() orderNo!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ enum: ['REQUESTED'] }) status!: 'REQUESTED';
  @ApiProperty({ enum: ['MANUAL', 'AUTO'] }) trigger!: 'MANUAL' | 'AUTO';
}

export class WithdrawalsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() sellerId?: string;
  @ApiPropertyOptional({ example: 'EO-2026-000123' }) @IsOptional() @IsString() orderNo?: string;
  @ApiPropertyOptional({ enum: ['REQUESTED', 'COMPLETED', 'FAILED'] }) @IsOptional() @IsIn(['REQUESTED', 'COMPLETED', 'FAILED']) status?: string;
}

export class BalancesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() sellerId?: string;
}

/** One seller and currency: the ledger buckets (decimal strings). */
export class BalanceDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'received, not (or no longer) associated' }) unassociated!: string;
  @ApiProperty({ description: 'associated, waiting for finance' }) underReview!: string;
  @ApiProperty({ description: 'credited: withdrawable under the rules' }) credited!: string;
  @ApiProperty({ description: 'withdrawal requested, waiting for the bank' }) withdrawing!: string;
  @ApiProperty() withdrawn!: string;
  @ApiProperty() refunded!: string;
  @ApiProperty({ description: 'bank charges absorbed within tolerance' }) fees!: string;
}

export class FundsSettingsDto {
  @ApiProperty({ description: 'the hub requests a withdrawal itself as soon as the rules allow' }) @IsBoolean() autoWithdrawal!: boolean;
}

export class FundsSettingsPendingDto {
  @ApiProperty() autoWithdrawal!: boolean;
  @ApiProperty({ description: 'who asked for the change (role:name)' }) requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class FundsSettingsViewDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ description: 'the hub requests a withdrawal itself as soon as the rules allow (off until set)' }) autoWithdrawal!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'who made the settings what they are; `<second> (four eyes with <first>)` after a four-eyes change' }) updatedBy!: string | null;
  @ApiProperty({ nullable: true, type: FundsSettingsPendingDto, description: 'four eyes: a change by finance or an admin waiting for a second finance person, who applies it by sending the same values' }) pendingChange!: FundsSettingsPendingDto | null;
}

export class ReturnRemittanceDto {
  @ApiPropertyOptional({ type: String, example: '25.00', description: 'the fee kept; default: RETURN_FEES for the currency (25.00 USD/EUR, ... unless configured)' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT_STRING, { message: 'must be a decimal string such as "25.00": no sign or exponent, at most 15 digits before the point' })
  fee?: string;
}

export class RemittanceReturnedDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the bank instructionId (null while the return waits for a second finance person)' }) instructionId!: string | null;
  @ApiProperty({ description: 'paid back to the payer' }) amount!: string;
  @ApiProperty() fee!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['REQUESTED', 'AWAITING_SECOND_APPROVAL'], description: 'AWAITING_SECOND_APPROVAL: four eyes; the same call by another finance person carries it out' }) status!: 'REQUESTED' | 'AWAITING_SECOND_APPROVAL';
  @ApiProperty({ description: 'who asked for the return' }) requestedBy!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the second finance person (four eyes)' }) approvedBy!: string | null;
}
