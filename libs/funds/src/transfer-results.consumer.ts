import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext } from '@ereceipt/messaging';
import { recordTransferResult } from './record-transfer-result.usecase';
import { parseTransferResult } from './transfer-result.rules';

/** Thin consumer for `bank.transfer-results`: parse, apply in the pipeline's transaction; invalid or unknown -> DLQ with the reason. */
@Injectable()
export class TransferResultsConsumer implements OnModuleInit {
  private readonly log = new Logger('TransferResults');

  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register({ topic: inboundTopics.bankTransferResults, handle: (ctx) => this.handle(ctx) });
  }

  async handle(ctx: InboundContext): Promise<void> {
    const parsed = parseTransferResult(ctx.record.value);
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.message, 'invalid');
    const outcome = await recordTransferResult(ctx.em, ctx.outbox, parsed.value, ctx.correlationId);
    this.log.log({ ...parsed.value, outcome, inboundMessageId: ctx.inboundMessageId }, `transfer result ${parsed.value.instructionId} ${parsed.value.status} ${outcome.toLowerCase()}`);
  }
}
