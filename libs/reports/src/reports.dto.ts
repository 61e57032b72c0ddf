import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Query of `GET /reports/reconciliation`. */
export class ReconciliationQuery {
  @ApiProperty({ example: '2026-11-01', description: 'first day (UTC) of the period of receipt' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'last day (UTC), inclusive; at most 366 days after from' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'ignored for a seller token: a seller sees only its own' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ example: 'BANKCNSH', description: 'prefix of the sending bank BIC (4 to 11 letters or digits)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{4,11}$/, { message: 'bank must be a BIC or its first 4 to 11 characters' })
  bank?: string;

  @ApiPropertyOptional({ enum: reportFormats, default: 'json' })
  @IsOptional()
  @IsIn([...reportFormats])
  format?: ReportFormat;
}
