import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { sellerStatuses, type SellerStatus } from './seller.rules';

/**
 * `POST /sellers/applications`. Only types here; the rules (seller.rules.ts) check the values and
 * answer 400 naming the field (`tradeMode: must be 0110 ...`).
 */
export class SellerApplicationDto {
  @ApiProperty({ example: 'NINGBO EXAMPLE CO LTD' }) @IsString() @MaxLength(200) legalName!: string;
  @ApiProperty({ example: '3302961234', description: 'customs registration code: 10 digits or capital letters' }) @IsString() customsCode!: string;
  @ApiProperty({ example: '0110', description: 'customs supervision mode; must be 0110 (general trade)' }) @IsString() tradeMode!: string;
  @ApiPropertyOptional({ example: 'CNY', default: 'CNY' }) @IsOptional() @IsString() settlementCurrency?: string;
  @ApiProperty({ example: ['USD', 'EUR'], type: [String], description: 'ISO 4217 codes the seller collects in; one collection account each' })
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  currencies!: string[];
  @ApiProperty({ example: 'finance@example.cn' }) @IsString() @MaxLength(254) contactEmail!: string;
}

export class RejectSellerDto {
  @ApiProperty({ example: 'customs code not found in the registry' }) @IsString() @MaxLength(1000) reason!: string;
}

export class CollectionAccountDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: 'VA88000000018', description: 'virtual account: VA + 11 digits (Luhn check digit last)' }) accountNumber!: string;
  @ApiProperty({ example: 'NINGBO EXAMPLE CO LTD' }) beneficiaryName!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty({ example: 'EXBKHKHHXXX' }) bic!: string;
}

export class SellerViewDto {
  @ApiProperty({ format: 'uuid' }) sellerId!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() customsCode!: string;
  @ApiProperty() tradeMode!: string;
  @ApiProperty() settlementCurrency!: string;
  @ApiProperty({ type: [String] }) currencies!: string[];
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ enum: sellerStatuses }) status!: SellerStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) appliedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: [CollectionAccountDto], description: 'one per accepted currency, once APPROVED; empty before' }) collectionAccounts!: CollectionAccountDto[];
}
