import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { type BankFileFormat, bankFileFormats, DomainError, TransientError } from '@ereceipt/contracts';
import { type InboundHandler, type InboundRecord, processRecords, sha256 } from '@ereceipt/messaging';
import { bankTopicFormats, guessFormat } from './bank-connectors';
import { BankFileEntity, type BankFileResult } from './bank-file.entity';
import { type BankFileOutcome, recordBankFile } from './record-bank-file.usecase';
import { RemittanceHooks } from './remittance-hooks';

export interface BankFileUpload {
  bytes: Buffer;
  format?: BankFileFormat | undefined;
  profile?: string | undefined;
  fileName?: string | undefined;
}

export type IngestResult = BankFileResult & { duplicate: boolean };

const topicOf = Object.fromEntries(Object.entries(bankTopicFormats).map(([topic, format]) => [format, topic])) as Record<BankFileFormat, string>;
const HTTP_CONSUMER = 'http:bank-files';

/**
 * `POST /bank-files`: the same path as the bank topics (archive, parse, record, outbox, in one
 * transaction, through `processRecords` with an `http` record), idempotent on the file's sha256.
 */
@Injectable()
export class IngestBankFile {
  constructor(
    private readonly orm: MikroORM,
    private readonly hooks: RemittanceHooks = new RemittanceHooks(),
  ) {}

  async execute(upload: BankFileUpload): Promise<IngestResult> {
    const hash = sha256(upload.bytes);
    const earlier = await this.previous(hash);
    if (earlier) return earlier;
    const format = upload.format ?? guessFormat(upload.bytes.subarray(0, 4096).toString('latin1'));
    if (!format) throw new DomainError('BANK_FILE.UNKNOWN_FORMAT', `cannot tell the file format from its content; pass ?format=${bankFileFormats.join('|')}`);
    const profile = format === 'csv' ? upload.profile : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ingest(upload, hash, format, profile);
      } catch (e) {
        // The same bytes were stored by a concurrent request a moment ago: answer with its result.
        const raced = e instanceof UniqueConstraintViolationException ? await this.previous(hash) : null;
        if (raced) return raced;
        if (!(e instanceof TransientError) || attempt >= 3) throw e;
      }
    }
  }

  private async previous(hash: string): Promise<IngestResult | null> {
    const row = await this.orm.em.fork().findOne(BankFileEntity, { sha256: hash });
    return row ? { ...row.result, duplicate: true } : null;
  }

  private async ingest(upload: BankFileUpload, hash: string, format: BankFileFormat, profile: string | undefined): Promise<IngestResult> {
    const record: InboundRecord = {
      channel: 'http',
      topic: topicOf[format],
      partition: null,
      offset: null,
      key: upload.fileName ?? null,
      headers: { ...(profile ? { 'csv-profile': profile } : {}), ...(upload.fileName ? { 'file-name': upload.fileName } : {}) },
      value: upload.bytes,
      fileName: upload.fileName ?? null,
    };
    // The pipeline reports only a status; the handler keeps the parse outcome (or the error) for the answer.
    const seen: { outcome?: BankFileOutcome; failure?: Error } = {};
    const handler: InboundHandler = {
      topic: record.topic,
      handle: async (ctx) => {
        try {
          seen.outcome = await recordBankFile(ctx, format, profile, this.hooks);
        } catch (e) {
          if (e instanceof Error) seen.failure = e;
          throw e;
        }
      },
    };
    const em = this.orm.em.fork();
    const result = await em.transactional(async (tx) => {
      const [done] = await processRecords(tx, [record], { consumer: HTTP_CONSUMER, handlerFor: () => handler });
      if (done?.status !== 'processed' || !seen.outcome) return null;
      const fileId = randomUUID();
      const stored: BankFileResult = { fileId, sha256: hash, format, ...seen.outcome };
      tx.create(BankFileEntity, { id: fileId, sha256: hash, format, profile: profile ?? null, fileName: upload.fileName ?? null, size: upload.bytes.length, inboundMessageId: done.inboundMessageId, receivedAt: new Date(), result: stored });
      await tx.flush();
      return stored;
    });
    // The archive row (DEAD_LETTERED) is committed; the caller gets the connector's issues.
    if (seen.failure) throw seen.failure;
    if (!result) throw new DomainError('BANK_FILE.IN_PROGRESS', 'the same file is being processed by another request; retry shortly', 'conflict');
    return { ...result, duplicate: false };
  }
}
