import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { remittanceStatuses, type RemittanceStatus } from '@ereceipt/remittances';

export class AllocationInputDto {
  @ApiProperty({ example: 'EO-2026-000123' })
  @IsString()
  @Matches(/^EO-\d{4}-\d{6,}$/, { message: 'orderNo must look like EO-2026-000123' })
  orderNo!: string;

  @ApiProperty({ example: '1860.00', description: 'decimal string with the currency minor digits' })
  @IsString()
  @Matches(/^\d{1,15}(\.\d{1,3})?$/, { message: 'amount must be a decimal amount such as 1860.00' })
  amount!: string;
}

export class AssociateRemittanceDto {
  @ApiProperty({ type: [AllocationInputDto], description: 'orders of one seller, in the remittance currency; amounts add up to the remittance (or exceed it by bank charges within tolerance)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AllocationInputDto)
  allocations!: AllocationInputDto[];
}

export class ReviewNoteDto {
  @ApiPropertyOptional({ description: 'why (kept in the audit)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AssociationResultDto {
  @ApiProperty({ format: 'uuid' }) associationId!: string;
  @ApiProperty({ enum: ['PROPOSED', 'APPROVED', 'REJECTED', 'UNBOUND'], description: 'PROPOSED: waits for a (second) finance person (four eyes)' }) status!: string;
  @ApiProperty({ enum: remittanceStatuses }) remittanceStatus!: RemittanceStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'on an approval: the other finance person of the four eyes' }) firstApprovedBy?: string | null;
}
