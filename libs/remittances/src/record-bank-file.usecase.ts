import { type BankFileFormat, DomainError, type ParseIssue } from '@ereceipt/contracts';
import type { InboundBatchContext, InboundContext, InboundItemResult, InboundRecord } from '@ereceipt/messaging';
import { bankConnectors } from './bank-connectors';
import { RecordRemittance, type RemittanceProvenance, type WireToRecord } from './record-remittance.usecase';
import type { RemittanceHooks } from './remittance-hooks';

export interface AcceptedEntry {
  index: number;
  line: number;
  remittanceId: string;
  status: 'recorded' | 'duplicate' | 'conflict';
  duplicateOf?: string;
  conflictsWith?: string;
}

export interface RejectedEntry {
  index: number | null;
  line: number | null;
  field: string | null;
  code: string;
  message: string;
}

export interface SkippedBankEntry {
  index: number | null;
  line: number | null;
  reason: string;
}

/** What became of each message, transaction or row of one bank file. */
export interface BankFileOutcome {
  accepted: AcceptedEntry[];
  rejected: RejectedEntry[];
  skipped: SkippedBankEntry[];
}

/** `FILE:LINE: field: reason [CODE]`; the field is not repeated when the message already starts with it. */
export function describeIssue(issue: ParseIssue, sourceName: string): string {
  const field = issue.field && !issue.message.startsWith(issue.field) ? `${issue.field}: ` : '';
  return `${sourceName}:${issue.line ?? '?'}: ${field}${issue.message} [${issue.code}]`;
}

/** How a file is named in issue messages: the uploaded file name, else its Kafka position. */
export function sourceNameOf(ctx: { record: InboundRecord }): string {
  const r = ctx.record;
  return r.channel === 'http' ? (r.fileName ?? 'bank-file') : `${r.topic}@${r.partition}:${r.offset}`;
}

/**
 * The one "parse, then record each wire" of issue #3, for the Kafka topics and `POST /bank-files`
 * alike: an unusable file throws a DomainError (DLQ, or 400 with the issues as details); a file with
 * some bad entries records the good ones and reports each bad one through `reportRejected`.
 */
export async function recordBankFile(ctx: InboundContext, format: BankFileFormat, profile: string | undefined, hooks?: RemittanceHooks): Promise<BankFileOutcome> {
  const { record } = ctx;
  const sourceName = sourceNameOf(ctx);
  const outcome = await parseBankFile(record, format, profile, sourceName);
  const recorder = new RecordRemittance(ctx.em, ctx.outbox, hooks);
  const provenance = provenanceOf(record, ctx.inboundMessageId);
  const results = await recorder.executeMany(outcome.remittances.map((parsed) => ({ parsed, provenance, correlationId: ctx.correlationId })));
  const accepted: AcceptedEntry[] = outcome.remittances.map((parsed, i) => {
    const result = results[i];
    const at = { index: parsed.location.index, line: parsed.location.line, remittanceId: result.id };
    if (result.status === 'duplicate') return { ...at, status: 'duplicate', duplicateOf: result.duplicateOf };
    return result.status === 'conflict' ? { ...at, status: 'conflict', conflictsWith: result.conflictsWith } : { ...at, status: 'recorded' };
  });
  for (const issue of outcome.issues) ctx.reportRejected(issue.code, describeIssue(issue, sourceName));
  return {
    accepted,
    rejected: outcome.issues.map((i) => ({ index: i.index, line: i.line, field: i.field, code: i.code, message: i.message })),
    skipped: outcome.skipped.map((s) => ({ index: s.index, line: s.line, reason: s.reason })),
  };
}

/**
 * `recordBankFile` for a batch of Kafka messages in one transaction (issue #14): each message is
 * parsed on its own (an unusable one fails alone, before anything is written), then every wire of
 * the batch is recorded together by `RecordRemittance.executeMany`.
 */
export async function recordBankFiles(ctx: InboundBatchContext, formatOf: (record: InboundRecord) => BankFileFormat, hooks?: RemittanceHooks): Promise<InboundItemResult[]> {
  const results: InboundItemResult[] = [];
  const wires: WireToRecord[] = [];
  for (const item of ctx.items) {
    const sourceName = sourceNameOf(item);
    try {
      const outcome = await parseBankFile(item.record, formatOf(item.record), item.record.headers['csv-profile'], sourceName);
      const provenance = provenanceOf(item.record, item.inboundMessageId);
      for (const parsed of outcome.remittances) wires.push({ parsed, provenance, correlationId: item.correlationId });
      results.push({ ok: true, rejected: outcome.issues.map((i) => ({ code: i.code, message: describeIssue(i, sourceName) })) });
    } catch (error) {
      results.push({ ok: false, error });
    }
  }
  await new RecordRemittance(ctx.em, ctx.outbox, hooks).executeMany(wires, () => ctx.between());
  return results;
}

/** Parses one bank message; an unusable one throws a DomainError with every issue. */
async function parseBankFile(record: InboundRecord, format: BankFileFormat, profile: string | undefined, sourceName: string) {
  const outcome = await bankConnectors[format].parse(record.value, { sourceName, ...(profile ? { profile } : {}) });
  if (outcome.unusable || (outcome.remittances.length === 0 && outcome.issues.length > 0)) {
    const first = outcome.issues[0];
    const message = outcome.issues.map((i) => describeIssue(i, sourceName)).join(' | ') || 'unusable input';
    throw new DomainError(first?.code ?? 'BANK.UNUSABLE', message, 'invalid', outcome.issues);
  }
  return outcome;
}

function provenanceOf(record: InboundRecord, inboundMessageId: string): RemittanceProvenance {
  return { inboundMessageId, channel: record.channel, topic: record.topic, partition: record.partition, offset: record.offset, fileName: record.fileName ?? null };
}
