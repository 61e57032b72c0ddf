import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { type BankFileFormat, bankFileFormats } from '@ereceipt/contracts';
import type { BankFileOutcome } from './record-bank-file.usecase';

/** What `POST /bank-files` answered for a file; the same bytes again get this answer back. */
export interface BankFileResult extends BankFileOutcome {
  fileId: string;
  sha256: string;
  format: BankFileFormat;
}

/**
 * One bank file uploaded over HTTP, stored once per content (sha256), with the answer given.
 * The bytes themselves are in the inbound archive (`inbound_message`, channel `http`).
 */
@Entity({ tableName: 'bank_file' })
@Unique({ name: 'bank_file_sha256_uq', properties: ['sha256'] })
export class BankFileEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Enum({ items: [...bankFileFormats], type: 'string' })
  format!: BankFileFormat;

  @Property({ type: 'string', nullable: true })
  profile!: string | null;

  @Property({ type: 'text', nullable: true })
  fileName!: string | null;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'bigint' })
  inboundMessageId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Property({ type: 'json', columnType: 'jsonb' })
  result!: BankFileResult;
}
