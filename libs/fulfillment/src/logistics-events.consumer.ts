import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, inboundTopics } from '@ereceipt/contracts';
import { HandlerRegistry, type InboundContext } from '@ereceipt/messaging';
import { parseLogisticsEvent } from './logistics-message.rules';
import { recordTrackingEvent } from './record-tracking-event.usecase';

/**
 * Thin consumer for `logistics.events`: parse, record in the pipeline's transaction. A message that
 * cannot be used (not JSON, a missing field, an unknown order) throws a DomainError: DLQ with the reason.
 */
@Injectable()
export class LogisticsEventsConsumer implements OnModuleInit {
  private readonly log = new Logger('LogisticsEvents');

  constructor(private readonly registry: HandlerRegistry) {}

  onModuleInit(): void {
    this.registry.register({ topic: inboundTopics.logisticsEvents, handle: (ctx) => this.handle(ctx) });
  }

  async handle(ctx: InboundContext): Promise<void> {
    const parsed = parseLogisticsEvent(ctx.record.value);
    if (!parsed.ok) throw new DomainError('FULFILLMENT.INVALID_EVENT', parsed.message, 'invalid');
    const e = parsed.value;
    const result = await recordTrackingEvent(ctx.em, e, ctx.inboundMessageId, ctx.correlationId);
    this.log.log({ eventId: e.eventId, orderNo: e.orderNo, type: e.type, occurredAt: e.occurredAt, ...result, inboundMessageId: ctx.inboundMessageId }, `logistics ${e.type} for ${e.orderNo} (${e.eventId}): ${result.outcome.toLowerCase()}`);
  }
}
