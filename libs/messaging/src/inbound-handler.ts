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
