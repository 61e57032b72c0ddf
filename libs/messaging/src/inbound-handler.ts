import type { EntityManager } from '@mikro-orm/postgresql';
import type { InboundRecord } from './inbound-record';
import type { OutboxWriter } from './outbox.writer';

export interface InboundContext {
  /** The transactional EntityManager of this batch (a savepoint around this message). */
  em: EntityManager;
  outbox: OutboxWriter;
  record: InboundRecord;
  inboundMessageId: string;
  correlationId: string;
  /**
   * Part of the message was rejected while the rest went through (one bad MT103 in a file of ten):
   * the whole message also goes to the DLQ, unchanged, with these reasons in its headers.
   */
  reportRejected(code: string, message: string): void;
}

/**
 * A thin consumer: validates the message for real and calls one use case. Throw a DomainError for a
 * message that can never be used (it goes to the DLQ); anything else is retried.
 */
export interface InboundHandler {
  topic: string;
  dedupeKey?(record: InboundRecord): string;
  handle(ctx: InboundContext): Promise<void>;
}

/** One fresh message of a batch: archived, not seen before under its dedupe key. */
export interface InboundBatchItem {
  record: InboundRecord;
  inboundMessageId: string;
  correlationId: string;
}

/**
 * What became of one item of a batch: done (with the parts that were rejected, if any), or failed
 * before it wrote anything (a message that can never be used: it goes to the DLQ).
 */
export type InboundItemResult = { ok: true; rejected: Array<{ code: string; message: string }> } | { ok: false; error: unknown };

export interface InboundBatchContext {
  /** The batch's transaction. */
  em: EntityManager;
  /** Buffered: written with one statement when the batch is done. */
  outbox: OutboxWriter;
  items: InboundBatchItem[];
  /** Keeps the Kafka group session alive; call it every few dozen items. */
  between(): Promise<void>;
}

/**
 * A handler that takes a whole batch in one transaction (issue #14). It returns one result per
 * item, in order. An item may fail only before it wrote anything; anything thrown instead rolls
 * the batch back, and the pipeline goes through it again one savepoint per message (`handle`).
 */
export interface InboundBatchHandler extends InboundHandler {
  handleBatch(ctx: InboundBatchContext): Promise<InboundItemResult[]>;
}

export function handlesBatches(handler: InboundHandler | undefined): handler is InboundBatchHandler {
  return typeof (handler as Partial<InboundBatchHandler> | undefined)?.handleBatch === 'function';
}
