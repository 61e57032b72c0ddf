import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext } from '@ereceipt/messaging';
import { parseFxRate } from './fx-rate.rules';
import { recordFxRate } from './record-fx-rate.usecase';

/** Thin consumer for `bank.fx-rates`: parse, store in the pipeline's transaction; invalid -> DLQ with the reason. */
@Injectable()
export class FxRatesConsumer implements OnModuleInit {
  private readonly log = new Logger('FxRates');

  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register({ topic: inboundTopics.bankFxRates, handle: (ctx) => this.handle(ctx) });
  }

  async handle(ctx: InboundContext): Promise<void> {
    const parsed = parseFxRate(ctx.record.value);
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.message, 'invalid');
    const m = parsed.value;
    const outcome = await recordFxRate(ctx.em, m, ctx.inboundMessageId);
    this.log.log({ ...m, outcome, inboundMessageId: ctx.inboundMessageId }, `fx rate ${m.base}/${m.quote} ${m.rate} from ${m.validFrom} (${m.source}) ${outcome.toLowerCase()}`);
  }
}
