import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError, inboundTopics, type ParseIssue } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext, type InboundHandler } from '@ereceipt/messaging';
import { bankConnectors, bankTopicFormats } from './bank-connectors';
import { RecordRemittance } from './record-remittance.usecase';

export function describeIssue(issue: ParseIssue, sourceName: string): string {
  return `${sourceName}:${issue.line ?? '?'}: ${issue.field ? `${issue.field}: ` : ''}${issue.message} [${issue.code}]`;
}

/** Thin consumers for the three bank topics: parse with the pure connector, record each wire. */
@Injectable()
export class BankRemittanceConsumer implements OnModuleInit {
  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    for (const topic of [inboundTopics.bankMt103, inboundTopics.bankCamt054, inboundTopics.bankCsv]) {
      const handler: InboundHandler = { topic, handle: (ctx) => this.handle(ctx) };
      this.registry.register(handler);
    }
  }

  private async handle(ctx: InboundContext): Promise<void> {
    const { record } = ctx;
    const format = bankTopicFormats[record.topic]!;
    const sourceName = `${record.topic}@${record.partition}:${record.offset}`;
    const profile = record.headers['csv-profile'];
    const outcome = await bankConnectors[format].parse(record.value, { sourceName, ...(profile ? { profile } : {}) });
    if (outcome.unusable || (outcome.remittances.length === 0 && outcome.issues.length > 0)) {
      const first = outcome.issues[0];
      throw new DomainError(first?.code ?? 'BANK.UNUSABLE', outcome.issues.map((i) => describeIssue(i, sourceName)).join(' | ') || 'unusable input');
    }
    const record_ = new RecordRemittance(ctx.em, ctx.outbox);
    for (const parsed of outcome.remittances) {
      await record_.execute(
        parsed,
        { inboundMessageId: ctx.inboundMessageId, channel: record.channel, topic: record.topic, partition: record.partition, offset: record.offset, fileName: record.fileName ?? null },
        ctx.correlationId,
      );
    }
    for (const issue of outcome.issues) ctx.reportRejected(issue.code, describeIssue(issue, sourceName));
  }
}
