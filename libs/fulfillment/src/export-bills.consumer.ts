import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext } from '@ereceipt/messaging';
import { parseExportBill } from './logistics-message.rules';
import { recordExportBill } from './record-export-bill.usecase';

/** Thin consumer for `export.one-stop-bills`: parse, associate the bill in the pipeline's transaction; unusable -> DLQ with the reason. */
@Injectable()
export class ExportBillsConsumer implements OnModuleInit {
  private readonly log = new Logger('ExportBills');

  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register({ topic: inboundTopics.exportOneStopBills, handle: (ctx) => this.handle(ctx) });
  }

  async handle(ctx: InboundContext): Promise<void> {
    const parsed = parseExportBill(ctx.record.value);
    if (!parsed.ok) throw new DomainError('FULFILLMENT.INVALID_BILL', parsed.message, 'invalid');
    const result = await recordExportBill(ctx.em, parsed.value, ctx.correlationId);
    this.log.log({ ...parsed.value, ...result, inboundMessageId: ctx.inboundMessageId }, `export bill ${parsed.value.billNo} for ${parsed.value.orderNo}: ${result.outcome.toLowerCase()}`);
  }
}
