import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AMOUNT_STRING } from '@ereceipt/money';

export class OpenRefundDto {
  @ApiProperty({ example: '500.00', description: 'decimal string in the order currency, at most what is paid and not withdrawn nor refunded' })
  @IsString()
  @Matches(AMOUNT_STRING, { message: 'must be a decimal string such as "500.00": no sign or exponent, at most 15 digits before the point' })
  amount!: string;
  @ApiProperty({ example: 'two pallets arrived damaged' }) @IsString() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ description: 'the signed token (buyer side), when not in the query' }) @IsOptional() @IsString() t?: string;
}

export class RefundDecisionDto {
  @ApiPropertyOptional({ type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'the signed token (buyer side), when not in the query' }) @IsOptional() @IsString() t?: string;
}

export class RefundMessageDto {
  @ApiProperty({ example: 'Could you accept 300.00 instead?' }) @IsString() @MaxLength(4000) body!: string;
  @ApiPropertyOptional({ description: 'the signed token (buyer side), when not in the query' }) @IsOptional() @IsString() t?: string;
}

export class RefundOpenedDto {
  @ApiProperty({ format: 'uuid', description: 'also the bank instructionId once accepted' }) refundId!: string;
  @ApiProperty({ enum: ['OPEN'] }) status!: 'OPEN';
  @ApiProperty() amount!: string;
  @ApiProperty() currency!: string;
}

export class RefundDecidedDto {
  @ApiProperty({ format: 'uuid' }) refundId!: string;
  @ApiProperty({ enum: ['OPEN', 'REJECTED', 'ACCEPTED', 'COMPLETED', 'FAILED'] }) status!: string;
  @ApiPropertyOptional({ description: 'four eyes: the acceptance is recorded; the money leaves once finance approves it (POST /refunds/{id}/approve)' }) awaitingApproval?: boolean;
}

export class RefundApprovedDto {
  @ApiProperty({ format: 'uuid' }) refundId!: string;
  @ApiProperty({ enum: ['OPEN', 'ACCEPTED'], description: 'ACCEPTED: the money left; OPEN: a first finance approval is recorded, a second finance person is awaited' }) status!: string;
  @ApiProperty({ description: 'who accepted the refund (the side that did not open it)' }) acceptedBy!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the first pair of eyes (an admin who accepted it, or the first finance approver)' }) firstApprovedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the finance person who released it' }) approvedBy!: string | null;
}

export class RefundMessageViewDto {
  @ApiProperty({ enum: ['BUYER', 'SELLER'] }) side!: string;
  @ApiProperty() author!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RefundViewDto {
  @ApiProperty({ format: 'uuid' }) refundId!: string;
  @ApiProperty() orderNo!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['OPEN', 'REJECTED', 'ACCEPTED', 'COMPLETED', 'FAILED'] }) status!: string;
  @ApiProperty({ enum: ['BUYER', 'SELLER'] }) openedBy!: string;
  @ApiProperty({ type: [RefundMessageViewDto] }) messages!: RefundMessageViewDto[];
}
