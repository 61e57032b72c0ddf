import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { describeErpIssue, parseErpOrder } from '@connectors/erp-orders';
import { DomainError, inboundTopics } from '@ereceipt/contracts';
import { defaultDedupeKey, HandlerRegistry, type InboundContext, type InboundRecord } from '@ereceipt/messaging';
import { SyncErpOrder } from './sync-erp-order.usecase';

/**
 * Thin consumer for `erp.orders`: parse with the pure connector (JSON, or XML when the
 * `content-type` header says so), apply with `SyncErpOrder` in the pipeline's transaction. A message
 * that cannot be used throws a DomainError, so the pipeline sends it to `erp.orders.dlq` with
 * `error-code` / `error-message`.
 */
@Injectable()
export class ErpOrdersConsumer implements OnModuleInit {
  private readonly log = new Logger('ErpOrders');

  constructor(
    private readonly registry: HandlerRegistry,
    private readonly sync: SyncErpOrder,
  ) {}

  onModuleInit(): void {
    this.registry.register({ topic: inboundTopics.erpOrders, dedupeKey: erpOrdersDedupeKey, handle: (ctx) => this.handle(ctx) });
  }

  async handle(ctx: InboundContext): Promise<void> {
    const { record } = ctx;
    const parsed = await parseErpOrder(record.value, headerOf(record, 'content-type'));
    if (!parsed.ok) {
      throw new DomainError(parsed.issues[0]?.code ?? 'ERP_ORDER.INVALID_FIELD', parsed.issues.map(describeErpIssue).join(' | '), 'invalid', { issues: parsed.issues });
    }
    const m = parsed.value;
    const expectedKey = `${m.sellerId}:${m.externalOrderId}`;
    if (record.key !== null && record.key.toLowerCase() !== expectedKey.toLowerCase()) {
      // Versions keep it correct anyway; a wrong key only loses the per-order ordering of partitions.
      this.log.warn({ topic: record.topic, key: record.key, expectedKey, inboundMessageId: ctx.inboundMessageId }, `erp.orders message keyed ${record.key}, expected ${expectedKey}`);
    }
    const result = await this.sync.execute(ctx.em, m, { format: parsed.format, inboundMessageId: ctx.inboundMessageId });
    const fields = { sellerId: m.sellerId, externalOrderId: m.externalOrderId, version: m.version, action: m.action, outcome: result.outcome, appliedVersion: result.appliedVersion, orderNo: result.orderNo, inboundMessageId: ctx.inboundMessageId, correlationId: ctx.correlationId };
    if (result.outcome === 'APPLIED') this.log.log(fields, `erp order ${expectedKey} v${m.version} ${m.action}: ${result.detail}`);
    else this.log.warn(fields, `erp order ${expectedKey} v${m.version} ${result.outcome.toLowerCase()}, ${result.detail}`);
  }
}

/**
 * Every delivery reaches the use case, which is itself idempotent on the version and records each
 * arrival (so a byte-identical re-send shows up as DUPLICATE in `erp_order_sync` instead of being
 * absorbed silently by the generic content-hash dedupe). A producer's `message-id` still dedupes,
 * and a redelivered Kafka position is recognised by the archive before this is asked.
 */
export function erpOrdersDedupeKey(record: InboundRecord): string {
  if (record.headers['message-id'] || record.headers['ce_id'] || record.partition === null || record.offset === null) return defaultDedupeKey(record);
  return `position:${record.topic}:${record.partition}:${record.offset}`;
}

function headerOf(record: InboundRecord, name: string): string | undefined {
  return Object.entries(record.headers).find(([k]) => k.toLowerCase() === name)?.[1];
}
