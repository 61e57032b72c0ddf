import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type BankFileFormat, bankFileFormats } from '@ereceipt/contracts';

export class BankFileQuery {
  @ApiPropertyOptional({ enum: bankFileFormats, description: 'the file format; guessed from the content when absent' })
  @IsOptional()
  @IsIn([...bankFileFormats])
  format?: BankFileFormat;

  @ApiPropertyOptional({ description: 'CSV bank profile (default `generic`); ignored for mt103 and camt054', example: 'generic' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'profile must be a profile name such as "generic"' })
  profile?: string;

  @ApiPropertyOptional({ name: 'file-name', description: 'the original file name, kept for provenance (also accepted as a `file-name` header)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  'file-name'?: string;
}

export class AcceptedEntryDto {
  @ApiProperty({ description: '0-based index of the message, transaction or row in the file' }) index!: number;
  @ApiProperty({ description: '1-based line where it starts' }) line!: number;
  @ApiProperty({ format: 'uuid' }) remittanceId!: string;
  @ApiProperty({ enum: ['recorded', 'duplicate', 'conflict'], description: '`duplicate`: the same wire was already stored; this copy is linked to it. `conflict`: it reuses a stored UETR with other money; stored IDENTITY_CONFLICT for review' }) status!: 'recorded' | 'duplicate' | 'conflict';
  @ApiPropertyOptional({ format: 'uuid', description: 'the original remittance, for a duplicate' }) duplicateOf?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the remittance whose UETR this one reuses, for a conflict' }) conflictsWith?: string;
}

export class RejectedEntryDto {
  @ApiProperty({ type: Number, nullable: true }) index!: number | null;
  @ApiProperty({ type: Number, nullable: true }) line!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the field, tag or column, e.g. `:32A:`, `Ntry/Amt`, `value_date`' }) field!: string | null;
  @ApiProperty({ example: 'CSV.BAD_DATE' }) code!: string;
  @ApiProperty() message!: string;
}

export class SkippedEntryDto {
  @ApiProperty({ type: Number, nullable: true }) index!: number | null;
  @ApiProperty({ type: Number, nullable: true }) line!: number | null;
  @ApiProperty({ description: 'why it is not a remittance (a debit, a return, a pending entry)' }) reason!: string;
}

export class BankFileResultDto {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ description: 'hex SHA-256 of the file; the same bytes again answer 200 with this result' }) sha256!: string;
  @ApiProperty({ enum: bankFileFormats }) format!: BankFileFormat;
  @ApiProperty({ description: 'true when this file was received before (the original result is returned)' }) duplicate!: boolean;
  @ApiProperty({ type: [AcceptedEntryDto] }) accepted!: AcceptedEntryDto[];
  @ApiProperty({ type: [RejectedEntryDto] }) rejected!: RejectedEntryDto[];
  @ApiProperty({ type: [SkippedEntryDto] }) skipped!: SkippedEntryDto[];
}
