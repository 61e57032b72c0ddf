import { ApiProperty } from '@nestjs/swagger';

/** The answer to `POST /orders/{orderNo}/reminders` (202: queued; the mail relay delivers it). */
export class ReminderSentDto {
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ example: 2, description: '1 is the reminder sent on submit; re-sends count up' }) seq!: number;
  @ApiProperty({ example: 'ap@acme.example' }) to!: string;
  @ApiProperty({ format: 'date-time' }) queuedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'the signed link in this mail opens the buyer page until then' }) linkExpiresAt!: string;
}
