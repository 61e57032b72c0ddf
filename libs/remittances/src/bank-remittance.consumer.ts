import { Injectable, type OnModuleInit } from '@nestjs/common';
import { inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundBatchHandler, type InboundContext } from '@ereceipt/messaging';
import { bankTopicFormats } from './bank-connectors';
import { recordBankFile, recordBankFiles } from './record-bank-file.usecase';
import { RemittanceHooks } from './remittance-hooks';

/** Thin consumers for the three bank topics: parse with the pure connector, record the wires (a whole Kafka batch at once). */
@Injectable()
export class BankRemittanceConsumer implements OnModuleInit {
  constructor(
    private readonly registry: HandlerRegistry,
    private readonly hooks: RemittanceHooks,
  ) {}

  onModuleInit(): void {
    for (const topic of [inboundTopics.bankMt103, inboundTopics.bankCamt054, inboundTopics.bankCsv]) {
      const handler: InboundBatchHandler = {
        topic,
        handle: (ctx) => this.handle(ctx),
        handleBatch: (ctx) => recordBankFiles(ctx, (record) => bankTopicFormats[record.topic], this.hooks),
      };
      this.registry.register(handler);
    }
  }

  private async handle(ctx: InboundContext): Promise<void> {
    const format = bankTopicFormats[ctx.record.topic];
    await recordBankFile(ctx, format, ctx.record.headers['csv-profile'], this.hooks);
  }
}
