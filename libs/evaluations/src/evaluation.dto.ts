import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { COMMENT_MAX_CHARS, REPLY_MAX_CHARS } from './evaluation-input.rules';

export class RatingsDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 }) serviceAttitude!: number;
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) deliverySpeed!: number;
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 }) descriptionAccuracy!: number;
}

export class EvaluationReplyDto {
  @ApiProperty({ description: 'as the seller wrote it (escape it when showing it)' }) text!: string;
  @ApiProperty({ format: 'date-time' }) repliedAt!: string;
}

export class EvaluationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ type: RatingsDto }) ratings!: RatingsDto;
  @ApiProperty({ example: '4.67', description: 'the mean of the three ratings, 2 decimals (ROUND_HALF_EVEN)' }) overall!: string;
  @ApiProperty({ type: String, nullable: true, description: 'as the buyer wrote it (escape it when showing it)' }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: EvaluationReplyDto, nullable: true }) reply!: EvaluationReplyDto | null;
}

export class EvaluationPageDto {
  @ApiProperty({ type: [EvaluationViewDto] }) items!: EvaluationViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}

/** `GET /suppliers/{sellerId}/evaluations`, newest first. */
export class ListEvaluationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

/** The body of `POST /buyer/orders/{orderNo}/evaluation` (form fields or JSON; the token may also come as query `t`). */
export class SubmitEvaluationDto {
  @ApiPropertyOptional({ description: 'the signed token from the invitation link (or query `t`)' }) t?: string;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'whole stars' }) serviceAttitude!: number;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'whole stars' }) deliverySpeed!: number;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'whole stars' }) descriptionAccuracy!: number;
  @ApiPropertyOptional({ maxLength: COMMENT_MAX_CHARS, description: 'optional; stored as written; an empty field means no comment' }) comment?: string;
}

export class ReplyToEvaluationDto {
  @ApiProperty({ maxLength: REPLY_MAX_CHARS, example: 'Thank you for your order!' }) @IsString() text!: string;
}

export class EvaluationWindowDto {
  @ApiProperty({ format: 'date', description: 'the UTC day the order completed (day 0)' }) opensOn!: string;
  @ApiProperty({ format: 'date', description: 'the last UTC day an evaluation is accepted (day 30)' }) closesOn!: string;
  @ApiProperty() open!: boolean;
}

export class InvitationSentDto {
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ example: 1, description: 'counts the invitations of this order' }) seq!: number;
  @ApiProperty({ example: 'ap@acme.example' }) to!: string;
  @ApiProperty({ format: 'date-time' }) queuedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the signed link works until then (30 days after the window closes, so a late buyer reads why)' }) linkExpiresAt!: string;
  @ApiProperty({ type: EvaluationWindowDto }) window!: EvaluationWindowDto;
}

/** The buyer's evaluation page as JSON (`Accept: application/json`). */
export class BuyerEvaluationViewDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty() sellerName!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: EvaluationWindowDto, nullable: true }) window!: EvaluationWindowDto | null;
  @ApiProperty() canEvaluate!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why the buyer cannot evaluate (already evaluated, window closed, not completed)' }) reason!: string | null;
  @ApiProperty({ type: EvaluationViewDto, nullable: true }) evaluation!: EvaluationViewDto | null;
  @ApiProperty({ format: 'date-time' }) linkExpiresAt!: string;
}

export class ScoreAveragesDto {
  @ApiProperty({ example: '4.67' }) serviceAttitude!: string;
  @ApiProperty({ example: '4.33' }) deliverySpeed!: string;
  @ApiProperty({ example: '5.00' }) descriptionAccuracy!: string;
  @ApiProperty({ example: '4.67', description: 'all ratings of all evaluations' }) overall!: string;
}

export class ScoreWindowDto {
  @ApiProperty({ example: 180 }) days!: number;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() evaluations!: number;
  @ApiProperty({ description: 'evaluations with overall >= 4 stars' }) positive!: number;
}

export class SupplierScoreDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty({ description: 'counts published changes; 0 before the first evaluation' }) version!: number;
  @ApiProperty() evaluationCount!: number;
  @ApiProperty({ type: ScoreAveragesDto, nullable: true, description: 'over the whole history; 2 decimals, ROUND_HALF_EVEN; null without evaluations' }) averages!: ScoreAveragesDto | null;
  @ApiProperty({ type: ScoreWindowDto }) window!: ScoreWindowDto;
  @ApiProperty({ type: String, nullable: true, example: '0.8333', description: 'window.positive / window.evaluations, 4 decimals, ROUND_HALF_EVEN; null for an empty window' }) positiveRate!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}
