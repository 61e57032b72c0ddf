import { ApiProperty } from '@nestjs/swagger';
import { remittanceSources, type RemittanceSource } from '@ereceipt/contracts';
import { remittanceStatuses, type RemittanceStatus } from './remittance.entity';

export class MoneyDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '10000.00', description: 'decimal string with the currency minor digits' }) amount!: string;
}

export class PayerDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) account!: string | null;
  @ApiProperty({ type: [String] }) address!: string[];
  @ApiProperty({ type: String, nullable: true }) bic!: string | null;
}

export class BeneficiaryDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) account!: string | null;
}

export class ProvenanceDto {
  @ApiProperty({ description: 'the archived inbound message (id in the inbound archive)' }) inboundMessageId!: string;
  @ApiProperty({ enum: ['kafka', 'http'] }) channel!: 'kafka' | 'http';
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiProperty({ type: Number, nullable: true }) partition!: number | null;
  @ApiProperty({ type: String, nullable: true }) offset!: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;
  @ApiProperty({ description: '0-based index of the message, transaction or row in the input' }) index!: number;
  @ApiProperty({ description: '1-based line where it starts' }) line!: number;
}

/** `GET /remittances/{id}`: the canonical remittance (CONTRACT.md) plus the hub's view of it. */
export class RemittanceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: remittanceStatuses }) status!: RemittanceStatus;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the original, when this is a copy of a wire already stored' }) duplicateOf!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sellerId!: string | null;
  @ApiProperty({ enum: remittanceSources }) source!: RemittanceSource;
  @ApiProperty() messageRef!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) uetr!: string | null;
  @ApiProperty({ type: String, nullable: true }) endToEndId!: string | null;
  @ApiProperty({ type: String, nullable: true }) senderBic!: string | null;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) valueDate!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '9985.00', description: 'what the beneficiary bank settled, decimal string' }) amount!: string;
  @ApiProperty({ type: MoneyDto, nullable: true }) instructedAmount!: MoneyDto | null;
  @ApiProperty({ type: String, enum: ['OUR', 'SHA', 'BEN'], nullable: true }) chargeBearer!: 'OUR' | 'SHA' | 'BEN' | null;
  @ApiProperty({ type: [MoneyDto] }) chargesDeducted!: MoneyDto[];
  @ApiProperty({ type: PayerDto }) payer!: PayerDto;
  @ApiProperty({ type: BeneficiaryDto }) beneficiary!: BeneficiaryDto;
  @ApiProperty({ type: String, nullable: true }) remittanceInfo!: string | null;
  @ApiProperty({ type: [String] }) references!: string[];
  @ApiProperty({ type: String, nullable: true }) relatedReference!: string | null;
  @ApiProperty() possibleDuplicate!: boolean;
  @ApiProperty({ type: ProvenanceDto }) provenance!: ProvenanceDto;
  @ApiProperty({ type: [Object], description: 'allocations to orders: `{id, orderNo, amount, method, status}` (empty until matching lands)' }) associations!: unknown[];
  @ApiProperty({ type: Object, nullable: true, description: 'the matching decision (null until matching lands)' }) decision!: unknown;
}

export class RemittancePageDto {
  @ApiProperty({ type: [RemittanceViewDto] }) items!: RemittanceViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
