import { Injectable, type OnModuleInit } from '@nestjs/common';
import { inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext, type InboundHandler } from '@ereceipt/messaging';
import { bankTopicFormats } from './bank-connectors';
import { recordBankFile } from './record-bank-file.usecase';
import { RemittanceHooks } from './remittance-hooks';

/** Thin consumers for the three bank topics: parse with the pure connector, record each wire. */
@Injectable()
export class BankRemittanceConsumer implements OnModuleInit {
  constructor(
    private readonly registry: HandlerRegistry,
    private readonly hooks: RemittanceHooks,
  ) {}

  onModuleInit(): void {
    for (const topic of [inboundTopics.bankMt103, inboundTopics.bankCamt054, inboundTopics.bankCsv]) {
      const handler: InboundHandler = { topic, handle: (ctx) => this.handle(ctx) };
      this.registry.register(handler);
    }
  }

  private async handle(ctx: InboundContext): Promise<void> {
    const format = bankTopicFormats[ctx.record.topic];
    await recordBankFile(ctx, format, ctx.record.headers['csv-profile'], this.hooks);
  }
}
